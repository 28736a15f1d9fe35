/**
 * Builds the OpenAPI 3.1 description of the API from the contract's routes and the zod schemas the
 * handlers validate with, and the client's types from it: `npm run openapi` writes openapi.json and
 * client/api-types.ts; a test fails when either is stale.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";
import { ROUTES, ROUTE_IDS, routeKey } from "../../functions/shared/contract";
import { ERROR_STATUS, type ApiErrorCode } from "../../functions/shared/errors";
import { eventIdSchema, photoIdSchema, userIdSchema } from "../../functions/shared/validation";
import { stableJson } from "../../packaging/manifest";
import { CLIENT_TYPES_FILE, OPENAPI_FILE } from "./files";
import { COMPONENTS, OPERATIONS } from "./operations";


type JsonSchema = Record<string, unknown>;

const ERROR_DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: "Bad request",
  401: "No valid token (API Gateway's own answer)",
  403: "Forbidden",
  404: "Not found",
  409: "Conflict",
  413: "Too large",
  415: "Unsupported media type",
  429: "Quota exceeded",
  500: "Internal error",
};

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const emitted = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
    // zod spells date-time out as a long pattern besides the format; the format says it.
    override: ({ jsonSchema: emitted }) => {
      if (emitted.format === "date-time") delete emitted.pattern;
    },
  }) as JsonSchema;
  // The document's dialect (OpenAPI 3.1 is JSON Schema 2020-12) applies; no schema repeats it.
  delete emitted.$schema;
  return emitted;
}

const PATH_PARAMETERS: Readonly<Record<string, z.ZodType>> = { eventId: eventIdSchema, photoId: photoIdSchema, userId: userIdSchema };

/** The path parameters a route's path names, each required, with the schema the handlers check. */
function pathParameters(path: string) {
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, name = ""]) => {
    const schema = PATH_PARAMETERS[name];
    if (!schema) throw new RangeError(`path parameter ${name} has no schema; add it to PATH_PARAMETERS in scripts/openapi/openapi.ts`);
    const { description, ...rest } = jsonSchema(schema, "input");
    return { name, in: "path", required: true, ...(description ? { description } : {}), schema: rest };
  });
}

function queryParameters(query: z.ZodType | undefined) {
  if (!query) return [];
  const schema = jsonSchema(query, "input") as { properties?: Record<string, JsonSchema> };
  return Object.entries(schema.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return { name, in: "query", required: false, ...(description ? { description } : {}), schema: rest };
  });
}

const ref = (component: string) => ({ $ref: `#/components/schemas/${component}` });

function errorResponses(codes: readonly ApiErrorCode[]) {
  const byStatus = new Map<number, string[]>();
  for (const code of codes) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  const responses: Record<string, unknown> = {
    // API Gateway answers a missing or bad token itself; a handler reached without claims answers as the API does.
    401: { description: ERROR_DESCRIPTIONS[401], content: { "application/json": { schema: { oneOf: [ref("Unauthorized"), ref("Error")] } } } },
    500: { description: `${ERROR_DESCRIPTIONS[500]}: code internal_error`, content: { "application/json": { schema: ref("Error") } } },
  };
  for (const [status, statusCodes] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[status] = {
      description: `${ERROR_DESCRIPTIONS[status] ?? "Error"}: code ${statusCodes.join(" or ")}`,
      content: { "application/json": { schema: ref("Error") } },
    };
  }
  return responses;
}

export function buildOpenApi(): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const id of ROUTE_IDS) {
    const route = ROUTES[id];
    const operation = OPERATIONS[id];
    const success = Object.fromEntries(
      Object.entries(operation.success).map(([status, component]) => [
        status,
        component === null ? { description: "No content" } : { description: "OK", content: { "application/json": { schema: ref(component) } } },
      ]),
    );
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = {
      operationId: id,
      summary: operation.summary,
      ...(operation.description ? { description: operation.description } : {}),
      parameters: [...pathParameters(route.path), ...queryParameters(operation.query)],
      ...(operation.body ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(operation.body, "input") } } } } : {}),
      responses: { ...success, ...errorResponses(operation.errors) },
      "x-route-key": routeKey(route),
    };
  }
  const schemas: Record<string, JsonSchema> = Object.fromEntries(Object.entries(COMPONENTS).map(([name, schema]) => [name, jsonSchema(schema, "output")]));
  schemas.Unauthorized = { type: "object", properties: { message: { type: "string", const: "Unauthorized" } }, required: ["message"], additionalProperties: false };
  return {
    openapi: "3.1.0",
    info: {
      title: "Event photo uploads",
      version: "1.0.0",
      description: "Attendees upload photos straight to S3 through presigned URLs; organizers manage events and attendees. Every route needs a Cognito ID or access token in the Authorization header (with or without `Bearer `).",
    },
    components: {
      securitySchemes: { cognito: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "A Cognito ID or access token of the stage's user pool" } },
      schemas,
    },
    security: [{ cognito: [] }],
    paths,
  };
}

/** The files `npm run openapi` writes, by repo-relative path. */
export async function generatedFiles(): Promise<Record<string, string>> {
  const document = buildOpenApi();
  // Loaded here: openapi-typescript is an ES module graph, needed only to write the client's types.
  const { default: openapiTS, astToString } = await import("openapi-typescript");
  const types = astToString(await openapiTS(document as unknown as Parameters<typeof openapiTS>[0]));
  const header = "/** Generated from openapi.json by `npm run openapi` (openapi-typescript); do not edit. */\n";
  return { [OPENAPI_FILE]: stableJson(document), [CLIENT_TYPES_FILE]: header + types };
}

/** `npm run openapi` writes the files; `-- --check` only says which are stale, and fails if any is. */
async function main(args: readonly string[]): Promise<void> {
  const check = args.includes("--check");
  const rootDir = resolve(__dirname, "..", "..");
  const stale: string[] = [];
  for (const [path, content] of Object.entries(await generatedFiles())) {
    const file = join(rootDir, path);
    let before: string | undefined;
    try {
      before = readFileSync(file, "utf8");
    } catch {
      before = undefined;
    }
    if (before === content) {
      console.log(`${path} up to date`);
      continue;
    }
    stale.push(path);
    if (!check) writeFileSync(file, content);
    console.log(`${path} ${check ? "is stale" : "written"}`);
  }
  if (check && stale.length > 0) {
    console.error(`${stale.join(", ")} ${stale.length === 1 ? "is" : "are"} not what the schemas give; run \`npm run openapi\` and commit the result`);
    process.exitCode = 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
    process.exitCode = 1;
  });
}
