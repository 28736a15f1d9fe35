/**
 * Environment configuration, read once per cold start. Each handler validates exactly the variables
 * it reads (functionEnvKeys: the telemetry settings and its FUNCTIONS entry's own), so a
 * misconfigured function fails to start with a message that names the variable instead of failing
 * later on some request.
 */
import { ENV, functionEnvKeys, type EnvKey, type EnvKind, type FunctionEnvKey, type FunctionName } from "./contract";
import { ConfigError } from "./errors";

type Env = Readonly<Record<string, string | undefined>>;

interface ValueOfKind {
  readonly text: string;
  /** Without a trailing slash, so `${url}/${key}` joins cleanly. */
  readonly url: string;
  readonly positiveInteger: number;
  readonly boolean: boolean;
}

export type FunctionConfig<N extends FunctionName> = {
  readonly [K in FunctionEnvKey<N>]: ValueOfKind[(typeof ENV)[K]["kind"]];
};

const PARSERS: { readonly [K in EnvKind]: (value: string, variable: string, holds: string) => ValueOfKind[K] } = {
  text: (value) => value,
  url: httpUrl,
  positiveInteger,
  boolean: flag,
};

/** Reads and validates the variables function `name` needs; throws ConfigError naming the first bad one. */
export function loadConfig<N extends FunctionName>(name: N, env: Env = process.env): FunctionConfig<N> {
  const config: Partial<Record<EnvKey, unknown>> = {};
  for (const key of functionEnvKeys(name)) config[key] = readValue(key, env);
  return config as FunctionConfig<N>;
}

function readValue(key: EnvKey, env: Env): unknown {
  const { variable, kind, holds } = ENV[key];
  const value = env[variable]?.trim();
  if (!value) {
    throw new ConfigError(variable, `Environment variable ${variable} is not set; set it to ${holds} (the stack sets it on the function).`);
  }
  return PARSERS[kind](value, variable, holds);
}

function positiveInteger(value: string, variable: string, holds: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(parsed) || parsed < 1) {
    throw new ConfigError(variable, `Environment variable ${variable} is "${value}"; set it to a positive whole number: ${holds}.`);
  }
  return parsed;
}

/** Exactly `true` or `false`: a typo such as `flase` must not quietly mean either. */
function flag(value: string, variable: string, holds: string): boolean {
  if (value === "true" || value === "false") return value === "true";
  throw new ConfigError(variable, `Environment variable ${variable} is "${value}"; set it to true or false: ${holds}.`);
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
