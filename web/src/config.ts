/**
 * config.json, read once at start: the same build serves the local stack and every stage, each
 * with its own endpoints. A bad file is reported by field, so a broken deploy says what to fix.
 */
import { DEFAULT_UPLOAD_CONCURRENCY, MAX_UPLOAD_CONCURRENCY, WEB_CONFIG_FILE, type WebConfig } from "../../functions/shared/contract";

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

/** Checks every field of config.json and fills the defaults; throws ConfigError naming the first bad one. */
export function parseWebConfig(value: unknown): WebConfig & { readonly uploadConcurrency: number } {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new ConfigError(`${WEB_CONFIG_FILE} is not a JSON object`);
  const record = value as Record<string, unknown>;
  const text = (field: string): string => {
    const raw = record[field];
    if (typeof raw !== "string" || raw.trim() === "") throw new ConfigError(`${WEB_CONFIG_FILE} has no ${field}; redeploy the app or restart npm start`);
    return raw.trim();
  };
  const url = (field: string): string => {
    const raw = text(field);
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new ConfigError(`${WEB_CONFIG_FILE} has ${field} "${raw}", which is not an absolute URL`);
    }
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new ConfigError(`${WEB_CONFIG_FILE} has ${field} "${raw}"; use an http(s) URL`);
    return raw.replace(/\/+$/, "");
  };
  const concurrency = record.uploadConcurrency ?? DEFAULT_UPLOAD_CONCURRENCY;
  if (!Number.isInteger(concurrency) || (concurrency as number) < 1 || (concurrency as number) > MAX_UPLOAD_CONCURRENCY) {
    throw new ConfigError(`${WEB_CONFIG_FILE} has uploadConcurrency ${JSON.stringify(concurrency)}; use a whole number from 1 to ${MAX_UPLOAD_CONCURRENCY}`);
  }
  const region = text("region");
  if (!REGION.test(region)) throw new ConfigError(`${WEB_CONFIG_FILE} has region "${region}", which is not an AWS region such as eu-west-1`);
  return {
    apiUrl: url("apiUrl"),
    region,
    userPoolId: text("userPoolId"),
    clientId: text("clientId"),
    ...(record.cognitoEndpoint !== undefined && { cognitoEndpoint: url("cognitoEndpoint") }),
    photosOrigin: new URL(url("photosOrigin")).origin,
    uploadConcurrency: concurrency as number,
  };
}

/** Fetches and checks config.json from the app's own origin. */
export async function loadWebConfig(fetchFn: typeof fetch, baseUrl: string): Promise<ReturnType<typeof parseWebConfig>> {
  const location = new URL(`/${WEB_CONFIG_FILE}`, baseUrl).href;
  let response: Response;
  try {
    // Served with Cache-Control: no-cache, so a deploy's new endpoints are seen at once.
    response = await fetchFn(location);
  } catch (error) {
    throw new ConfigError(`cannot load ${location} (${error instanceof Error ? error.message : String(error)}); check your connection and reload`);
  }
  if (!response.ok) throw new ConfigError(`${location} answered ${response.status}; the app is not fully deployed`);
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new ConfigError(`${location} is not JSON; the app is not fully deployed`);
  }
  return parseWebConfig(json);
}
