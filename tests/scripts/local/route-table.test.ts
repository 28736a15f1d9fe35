import { ROUTES } from "../../../functions/shared/contract";
import { createRouteMatcher } from "../../../scripts/local/route-table";

const matchRoute = createRouteMatcher(ROUTES);

describe("createRouteMatcher", () => {
  it("matches every contract route with its decoded path parameters", () => {
    expect(matchRoute("POST", "/events/demo-event/photos/initiate-upload")).toMatchObject({
      routeKey: "POST /events/{eventId}/photos/initiate-upload",
      pathParameters: { eventId: "demo-event" },
      routeId: "initiateUpload",
    });
    expect(matchRoute("GET", "/events/demo-event/photos")).toMatchObject({ routeId: "listPhotos", pathParameters: { eventId: "demo-event" } });
    expect(matchRoute("GET", "/events/a%20b/photos/p1")).toMatchObject({
      routeId: "getPhoto",
      pathParameters: { eventId: "a b", photoId: "p1" },
    });
  });

  it.each([
    ["GET", "/events/demo-event/photos/initiate-upload/extra"],
    ["PUT", "/events/demo-event/photos"],
    ["POST", "/events/demo-event/photos"],
    ["GET", "/events//photos"],
    ["GET", "/events/demo-event/photos/"],
    ["GET", "/"],
  ])("does not match %s %s", (method, path) => {
    expect(matchRoute(method, path)).toBeUndefined();
  });

  it("passes a malformed escape through as sent", () => {
    expect(matchRoute("GET", "/events/%E0%A4%A/photos")?.pathParameters).toEqual({ eventId: "%E0%A4%A" });
  });
});
