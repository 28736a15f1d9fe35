/** Where `npm run openapi` writes, relative to the repository root (a module of its own: the local stack reads the description without loading the generator). */
export const OPENAPI_FILE = "openapi.json";
export const CLIENT_TYPES_FILE = "client/api-types.ts";
