import { ConfigError, loadWebConfig, parseWebConfig } from "../../web/src/config";

const valid = {
  apiUrl: "https://abc.execute-api.eu-west-1.amazonaws.com/",
  region: "eu-west-1",
  userPoolId: "eu-west-1_abc",
  clientId: "client",
  photosOrigin: "https://d111.cloudfront.net",
};

describe("parseWebConfig", () => {
  test("accepts a stage's config (trailing slashes dropped) and a local one with a Cognito endpoint", () => {
    expect(parseWebConfig(valid)).toEqual({ ...valid, apiUrl: "https://abc.execute-api.eu-west-1.amazonaws.com", uploadConcurrency: 3 });
    expect(parseWebConfig({ ...valid, uploadConcurrency: 1 }).uploadConcurrency).toBe(1);
    expect(parseWebConfig({ ...valid, cognitoEndpoint: "http://127.0.0.1:9229" })).toMatchObject({ cognitoEndpoint: "http://127.0.0.1:9229" });
  });

  test.each([
    ["not an object", [], "config.json is not a JSON object"],
    ["a missing field", { ...valid, clientId: undefined }, "config.json has no clientId"],
    ["an empty field", { ...valid, userPoolId: " " }, "config.json has no userPoolId"],
    ["a relative URL", { ...valid, apiUrl: "/api" }, 'config.json has apiUrl "/api", which is not an absolute URL'],
    ["another scheme", { ...valid, cognitoEndpoint: "ftp://x" }, 'config.json has cognitoEndpoint "ftp://x"; use an http(s) URL'],
    ["a bad region", { ...valid, region: "Ireland" }, 'config.json has region "Ireland", which is not an AWS region'],
    ["no upload slot", { ...valid, uploadConcurrency: 0 }, "config.json has uploadConcurrency 0; use a whole number from 1 to 6"],
    ["a fraction of a slot", { ...valid, uploadConcurrency: 1.5 }, "config.json has uploadConcurrency 1.5"],
    ["too many slots", { ...valid, uploadConcurrency: 7 }, "config.json has uploadConcurrency 7"],
  ])("refuses %s, naming the field", (_, value, message) => {
    expect(() => parseWebConfig(value)).toThrow(ConfigError);
    expect(() => parseWebConfig(value)).toThrow(message);
  });
});

describe("loadWebConfig", () => {
  const respond = (body: string, status = 200) => jest.fn(async () => new Response(body, { status }));

  test("fetches /config.json from the app's origin", async () => {
    const fetchFn = respond(JSON.stringify(valid));
    await expect(loadWebConfig(fetchFn, "https://app.example.com/events/x")).resolves.toMatchObject({ clientId: "client" });
    expect(fetchFn).toHaveBeenCalledWith("https://app.example.com/config.json");
  });

  test("says what went wrong when the file is missing, not JSON or unreachable", async () => {
    await expect(loadWebConfig(respond("", 404), "https://app.example.com")).rejects.toThrow("https://app.example.com/config.json answered 404");
    await expect(loadWebConfig(respond("<html>"), "https://app.example.com")).rejects.toThrow("is not JSON");
    const offline = jest.fn(async () => Promise.reject(new TypeError("Failed to fetch")));
    await expect(loadWebConfig(offline, "https://app.example.com")).rejects.toThrow("cannot load https://app.example.com/config.json (Failed to fetch)");
  });
});
