/**
 * Environment configuration, read once per cold start. Each handler validates exactly the variables
 * the contract lists for it (FUNCTION_ACCESS[name].env), so a misconfigured function fails to start
 * with a message that names the variable instead of failing later on some request.
 */
import { ENV, FUNCTION_ACCESS, type FunctionEnvKey, type FunctionName } from "./contract";
import { ConfigError } from "./errors";

type Env = Readonly<Record<string, string | undefined>>;

interface ConfigValues {
  readonly tableName: string;
  readonly bucketName: string;
  /** Photo URLs are `${photosBaseUrl}/${objectKey}`; stored without a trailing slash. */
  readonly photosBaseUrl: string;
  readonly uploadLimitBytes: number;
  /** Local emulator endpoints; unset in AWS. */
  readonly s3Endpoint: string | undefined;
  readonly dynamodbEndpoint: string | undefined;
}

export type FunctionConfig<N extends FunctionName> = Pick<ConfigValues, FunctionEnvKey<N>>;

const PARSERS: { readonly [K in keyof ConfigValues]: (raw: string | undefined, variable: string) => ConfigValues[K] } = {
  tableName: (raw, variable) => requiredText(raw, variable, "the DynamoDB table name"),
  bucketName: (raw, variable) => requiredText(raw, variable, "the photos bucket name"),
  photosBaseUrl: (raw, variable) => httpUrl(requiredText(raw, variable, "the base URL photos are served from"), variable),
  uploadLimitBytes: (raw, variable) => positiveInteger(requiredText(raw, variable, "the upload size limit in bytes"), variable),
  s3Endpoint: (raw, variable) => optionalUrl(raw, variable),
  dynamodbEndpoint: (raw, variable) => optionalUrl(raw, variable),
};

/** Reads and validates the variables function `name` needs; throws ConfigError naming the first bad one. */
export function loadConfig<N extends FunctionName>(name: N, env: Env = process.env): FunctionConfig<N> {
  const config: Partial<Record<keyof ConfigValues, unknown>> = {};
  for (const key of FUNCTION_ACCESS[name].env) config[key] = readValue(key, env);
  return config as FunctionConfig<N>;
}

/** An emulator endpoint (set only in the local stack), or undefined to use AWS. */
export function loadEndpoint(key: "s3Endpoint" | "dynamodbEndpoint", env: Env = process.env): string | undefined {
  return readValue(key, env);
}

function readValue<K extends keyof ConfigValues>(key: K, env: Env): ConfigValues[K] {
  return PARSERS[key](env[ENV[key]], ENV[key]);
}

function requiredText(raw: string | undefined, variable: string, what: string): string {
  const value = raw?.trim();
  if (!value) {
    throw new ConfigError(variable, `Environment variable ${variable} is not set; set it to ${what} (the stack sets it on the function).`);
  }
  return value;
}

function positiveInteger(value: string, variable: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(parsed) || parsed < 1) {
    throw new ConfigError(variable, `Environment variable ${variable} is "${value}"; set it to a positive whole number of bytes, e.g. 20971520.`);
  }
  return parsed;
}

function httpUrl(value: string, variable: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch (cause) {
    throw new ConfigError(variable, `Environment variable ${variable} is "${value}", which is not a URL; set it to an absolute http(s) URL.`, { cause });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ConfigError(variable, `Environment variable ${variable} is "${value}"; set it to an http(s) URL.`);
  }
  return value.replace(/\/+$/, "");
}

function optionalUrl(raw: string | undefined, variable: string): string | undefined {
  const value = raw?.trim();
  return value ? httpUrl(value, variable) : undefined;
}
