import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { compileErrors, validate } from "@readme/openapi-parser";
import { ROUTES, ROUTE_IDS } from "../../../functions/shared/contract";
import { ERROR_STATUS } from "../../../functions/shared/errors";
import { buildOpenApi } from "../../../scripts/openapi/openapi";
import { OPERATIONS } from "../../../scripts/openapi/operations";

const ROOT = join(__dirname, "..", "..", "..");

test("the committed openapi.json and client/api-types.ts are what `npm run openapi` generates", () => {
  // A child process: openapi-typescript is an ES module graph Jest's CommonJS runtime cannot load.
  const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/openapi/openapi.ts", "--check"], { cwd: ROOT, encoding: "utf8" });
  expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" });
  expect(run.stdout).toContain("openapi.json up to date");
  expect(run.stdout).toContain("client/api-types.ts up to date");
});

test("a third-party validator accepts the description as OpenAPI 3.1", async () => {
  const result = await validate(buildOpenApi() as never);
  expect(result.valid ? "" : compileErrors(result)).toBe("");
  expect(result).toMatchObject({ valid: true, specification: "OpenAPI", warnings: [] });
});

test("every route is described, with every error code it may answer under its status", () => {
  const document = buildOpenApi() as { paths: Record<string, Record<string, { operationId: string; responses: Record<string, { description: string }> }>> };
  for (const id of ROUTE_IDS) {
    const operation = document.paths[ROUTES[id].path]?.[ROUTES[id].method.toLowerCase()];
    expect(operation?.operationId).toBe(id);
    for (const code of OPERATIONS[id].errors) expect(operation?.responses[String(ERROR_STATUS[code])]?.description).toContain(code);
    expect(Object.keys(operation?.responses ?? {})).toEqual(expect.arrayContaining(["401", "500"]));
  }
});
