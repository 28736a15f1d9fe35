import { ROUTES } from "../../../functions/shared/contract";
import { parseQueryString, stringifyClaims, toApiGatewayEvent, type LocalHttpRequest } from "../../../scripts/local/api-gateway-event";
import { createRouteMatcher } from "../../../scripts/local/route-table";

const match = createRouteMatcher(ROUTES)("POST", "/events/demo-event/photos/initiate-upload")!;
const now = new Date("2026-01-02T03:04:05.000Z");
const claims = { sub: "user-1", exp: 1_800_000_000, email_verified: true, "cognito:groups": ["organizers", "staff"], scope: "a b" };

function request(overrides: Partial<LocalHttpRequest> = {}): LocalHttpRequest {
  return {
    method: "POST",
    rawPath: "/events/demo-event/photos/initiate-upload",
    rawQueryString: "",
    headers: { "Content-Type": "application/json", "X-Many": ["1", "2"], host: "127.0.0.1:3000" },
    body: Buffer.from('{"title":"héllo"}'),
    sourceIp: "127.0.0.1",
    ...overrides,
  };
}

describe("toApiGatewayEvent", () => {
  it("builds a 2.0 payload with the route, lower-cased headers, path parameters and string claims", () => {
    const event = toApiGatewayEvent(request(), { match, claims, requestId: "req-1", now });
    expect(event).toMatchObject({
      version: "2.0",
      routeKey: "POST /events/{eventId}/photos/initiate-upload",
      rawPath: "/events/demo-event/photos/initiate-upload",
      rawQueryString: "",
      headers: { "content-type": "application/json", "x-many": "1,2", host: "127.0.0.1:3000" },
      pathParameters: { eventId: "demo-event" },
      body: '{"title":"héllo"}',
      isBase64Encoded: false,
      requestContext: {
        http: { method: "POST", path: "/events/demo-event/photos/initiate-upload", sourceIp: "127.0.0.1" },
        requestId: "req-1",
        routeKey: "POST /events/{eventId}/photos/initiate-upload",
        stage: "$default",
        timeEpoch: now.getTime(),
        authorizer: {
          jwt: {
            claims: { sub: "user-1", exp: "1800000000", email_verified: "true", "cognito:groups": "[organizers staff]", scope: "a b" },
            scopes: ["a", "b"],
          },
        },
      },
    });
    expect(event.queryStringParameters).toBeUndefined();
  });

  it("base64-encodes non-text bodies and omits an empty one", () => {
    const binary = toApiGatewayEvent(request({ headers: { "content-type": "application/octet-stream" }, body: Buffer.from([0, 255]) }), { match, claims, requestId: "r", now });
    expect(binary).toMatchObject({ body: "AP8=", isBase64Encoded: true });
    const empty = toApiGatewayEvent(request({ body: Buffer.alloc(0) }), { match, claims, requestId: "r", now });
    expect(empty).not.toHaveProperty("body");
  });
});

describe("parseQueryString", () => {
  it("decodes values and joins repeated names with commas", () => {
    expect(parseQueryString("limit=5&cursor=a%2Bb%3D&x=1&x=2")).toEqual({ limit: "5", cursor: "a+b=", x: "1,2" });
    expect(parseQueryString("")).toBeUndefined();
  });
});

describe("stringifyClaims", () => {
  it("prints objects as JSON", () => {
    expect(stringifyClaims({ address: { city: "Oslo" } })).toEqual({ address: '{"city":"Oslo"}' });
  });
});
