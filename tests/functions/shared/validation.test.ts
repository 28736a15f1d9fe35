import { LIMITS } from "../../../functions/shared/contract";
import { ApiError } from "../../../functions/shared/errors";
import { parseEventId, parseInitiateUpload, parsePageQuery } from "../../../functions/shared/validation";

const VALID = { title: "  Sunset  ", contentType: "image/png", contentLength: 10 };

describe("parseInitiateUpload", () => {
  test("trims the title and defaults the description", () => {
    expect(parseInitiateUpload(VALID, 100)).toEqual({ title: "Sunset", description: "", contentType: "image/png", contentLength: 10 });
  });

  test("counts characters, not UTF-16 units", () => {
    const title = "📷".repeat(LIMITS.titleMaxChars);
    expect(parseInitiateUpload({ ...VALID, title }, 100).title).toBe(title);
    expect(() => parseInitiateUpload({ ...VALID, title: `${title}📷` }, 100)).toThrow(expect.objectContaining({ code: "invalid_request" }));
  });

  test("accepts the limit exactly and answers 413 above it, 415 for other types", () => {
    expect(parseInitiateUpload({ ...VALID, contentLength: 100 }, 100).contentLength).toBe(100);
    expect(() => parseInitiateUpload({ ...VALID, contentLength: 101 }, 100)).toThrow(expect.objectContaining({ code: "too_large" }));
    expect(() => parseInitiateUpload({ ...VALID, contentType: "image/gif" }, 100)).toThrow(expect.objectContaining({ code: "unsupported_media_type" }));
  });

  test("lists every problem as a detail naming its field", () => {
    let error: unknown;
    try {
      parseInitiateUpload({ title: 5, contentLength: 0, extra: true }, 100);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: "invalid_request" });
    const details = (error as ApiError).details ?? [];
    expect(details.map((detail) => detail.field).sort()).toEqual(["body", "contentLength", "contentType", "title"]);
    expect(details.find((detail) => detail.field === "contentType")?.message).toBe("contentType is required");
    expect(details.find((detail) => detail.field === "body")?.message).toContain("extra");
  });

  test("rejects a body that is not an object", () => {
    expect(() => parseInitiateUpload([VALID], 100)).toThrow(/JSON object/);
  });
});

describe("parsePageQuery", () => {
  test("defaults and parses limit", () => {
    expect(parsePageQuery(undefined)).toEqual({ limit: LIMITS.listDefaultLimit, cursor: undefined });
    expect(parsePageQuery({ limit: "100", cursor: "abc" })).toEqual({ limit: 100, cursor: "abc" });
    expect(parsePageQuery({ limit: "1" }).limit).toBe(1);
  });

  test.each(["0", "101", "1.5", "-1", "", "1e2", "abc"])("rejects limit %p", (limit) => {
    expect(() => parsePageQuery({ limit })).toThrow(expect.objectContaining({ code: "invalid_request" }));
  });
});

describe("parseEventId", () => {
  test.each(["a", "Demo_event-1", "e".repeat(64)])("accepts %p", (eventId) => {
    expect(parseEventId({ eventId })).toBe(eventId);
  });
  test.each(["", "e".repeat(65), "a b", "a/b", "é"])("rejects %p", (eventId) => {
    expect(() => parseEventId({ eventId })).toThrow(/eventId/);
  });
  test("rejects a missing one", () => {
    expect(() => parseEventId(undefined)).toThrow(expect.objectContaining({ code: "invalid_request" }));
  });
});
