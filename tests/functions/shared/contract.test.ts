import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { ENV, FUNCTIONS, FUNCTION_NAMES, ROUTE_IDS, accessActions, objectCreatedFunctions, routeHandler } from "../../../functions/shared/contract";

const FUNCTIONS_DIR = join(__dirname, "..", "..", "..", "functions");

test("every function folder has one description, and every description its folder with a handler", () => {
  const folders = readdirSync(FUNCTIONS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== "shared")
    .map((entry) => entry.name)
    .sort();
  expect([...FUNCTION_NAMES].sort()).toEqual(folders);
  for (const name of FUNCTION_NAMES) expect(existsSync(join(FUNCTIONS_DIR, name, "handler.ts"))).toBe(true);
});

test("every route is served by exactly one function", () => {
  for (const route of ROUTE_IDS) {
    const servers = FUNCTION_NAMES.filter((name) => {
      const trigger = FUNCTIONS[name].trigger;
      return "http" in trigger && trigger.http.includes(route);
    });
    expect({ route, servers }).toEqual({ route, servers: [routeHandler(route)] });
  }
});

test("the upload processor is the one function S3 notifies", () => {
  expect(objectCreatedFunctions()).toEqual(["process-upload"]);
});

test("every function reads only known variables and is granted only exact actions", () => {
  for (const name of FUNCTION_NAMES) {
    const spec = FUNCTIONS[name];
    for (const key of spec.env) expect(ENV).toHaveProperty(key);
    for (const action of accessActions(spec.access)) expect(action).toMatch(/^(dynamodb|s3|cognito-idp|cloudfront):[A-Z][A-Za-z]+$/);
    expect(spec.memoryMb).toBeGreaterThanOrEqual(128);
    expect(spec.timeoutSeconds).toBeGreaterThan(0);
  }
});
