import { ClientError } from "../../client/errors";
import { errorMessage, parseEmailList, signInMessage } from "../../web/src/messages";
import { formatBytes, mergePhotos, titleFromFileName } from "../../web/src/photos";
import { eventPath, parseRoute } from "../../web/src/routes";
import type { Photo } from "../../client/api";

const photo = (id: string, title = id) => ({ id, title }) as Photo;

test("routes: my events, an event, one of its photos, and anything else", () => {
  expect(parseRoute("/")).toEqual({ page: "events" });
  expect(parseRoute("/events/demo-event")).toEqual({ page: "event", eventId: "demo-event" });
  expect(parseRoute("/events/demo-event/")).toEqual({ page: "event", eventId: "demo-event" });
  expect(parseRoute("/events/demo-event/photos/01ABC")).toEqual({ page: "event", eventId: "demo-event", photoId: "01ABC" });
  for (const path of ["/events/", "/events/bad%20id", "/events/%E0%A4%A", "/other", "/events/a/b"]) expect(parseRoute(path)).toEqual({ page: "not-found" });
  expect(eventPath("a_b", "p 1")).toBe("/events/a_b/photos/p%201");
});

test("mergePhotos keeps one entry per id, newest (highest time-sortable id) first", () => {
  const merged = mergePhotos([photo("01B"), photo("01A")], [photo("01C"), photo("01A", "renamed")]);
  expect(merged.map((entry) => [entry.id, entry.title])).toEqual([["01C", "01C"], ["01B", "01B"], ["01A", "renamed"]]);
});

test("titles from file names and sizes for people", () => {
  expect(titleFromFileName("IMG_0042.JPG")).toBe("IMG_0042");
  expect(titleFromFileName("holiday.2026.png")).toBe("holiday.2026");
  expect(titleFromFileName(".png")).toBe(".png");
  expect([formatBytes(999), formatBytes(2400), formatBytes(2_400_000)]).toEqual(["999 B", "2 kB", "2.4 MB"]);
});

test("email lists split on commas, semicolons, spaces and new lines, each address once", () => {
  expect(parseEmailList(" a@x.com, b@x.com;c@x.com\n\nd@x.com a@x.com ")).toEqual(["a@x.com", "b@x.com", "c@x.com", "d@x.com"]);
  expect(parseEmailList(" ,\n ")).toEqual([]);
});

test("messages: one answer to any wrong credentials, the API's own words otherwise", () => {
  for (const code of ["NotAuthorizedException", "UserNotFoundException", "InvalidPasswordException"]) {
    expect(signInMessage(new ClientError("login", "sign-in failed", { code }))).toBe("Incorrect email or password.");
  }
  expect(signInMessage(new ClientError("login", "cannot reach Cognito at x"))).toBe("cannot reach Cognito at x");
  const api = new ClientError("api", "GET answered 403 (not_attendee: You are not registered.)", { status: 403, body: { error: { code: "not_attendee", message: "You are not registered." } } });
  expect(errorMessage(api)).toBe("You are not registered.");
  expect(errorMessage(new ClientError("api", "answered 401 (Unauthorized)", { status: 401, body: { message: "Unauthorized" } }))).toBe("answered 401 (Unauthorized)");
});
