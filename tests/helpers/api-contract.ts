/**
 * Checks every answer a test receives against openapi.json: the status must be one the route
 * documents, and the body must match that status's schema (ajv, JSON Schema 2020-12, as OpenAPI 3.1).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { ROUTES, type RouteId } from "../../functions/shared/contract";

interface OpenApiDocument {
  readonly components: { readonly schemas: Record<string, unknown> };
  readonly paths: Record<string, Record<string, { responses: Record<string, { content?: { "application/json": { schema: unknown } } }> }>>;
}

const document = JSON.parse(readFileSync(join(__dirname, "..", "..", "openapi.json"), "utf8")) as OpenApiDocument;
const ajv = new Ajv2020({ allErrors: true, strict: false });
// The document's formats (date-time) are checked, not ignored.
addFormats(ajv);
ajv.addSchema({ $id: "openapi", components: document.components });
const validators = new Map<string, ValidateFunction>();

/** The schema a route answers `status` with (undefined: no body), or an error when the status is undocumented. */
function validatorFor(route: RouteId, status: number): ValidateFunction | undefined {
  const { method, path } = ROUTES[route];
  const response = document.paths[path]?.[method.toLowerCase()]?.responses[String(status)];
  if (!response) throw new Error(`${route} answered ${status}, which openapi.json does not document for ${method} ${path}`);
  const schema = response.content?.["application/json"].schema;
  if (schema === undefined) return undefined;
  const key = `${route} ${status}`;
  if (!validators.has(key)) {
    // Component references resolve inside the document registered as "openapi".
    const rebased = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/')) as object;
    validators.set(key, ajv.compile(rebased));
  }
  return validators.get(key);
}

/** Throws, naming every mismatch, when an answer is not what openapi.json says `route` answers. */
export function assertMatchesContract(route: RouteId, status: number, body: string | undefined): void {
  const validate = validatorFor(route, status);
  if (!validate) {
    if (body) throw new Error(`${route} answered ${status} with a body, which openapi.json says has none: ${body}`);
    return;
  }
  const parsed: unknown = JSON.parse(body ?? "null");
  if (!validate(parsed)) {
    throw new Error(`${route} answered ${status} with a body openapi.json does not allow: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(parsed)}`);
  }
}
