/**
 * Hosts the Lambda handlers in this process, as the local stack, the integration tests and the
 * benchmarks run them: the environment each function gets is built from the contract (FUNCTIONS
 * and ENV) with local values, every handler module is imported once, and each invocation gets a
 * Lambda-like context. The handlers read their configuration from process.env when their module
 * loads (their cold start), so each module loads with its own function's environment: a value
 * that differs between functions (POWERTOOLS_SERVICE_NAME) is set only while its module loads,
 * and no function ever reads another's.
 *
 * The process is one execution environment that serves many invocations at once, as Lambda
 * Managed Instances run Node.js functions: each invocation runs in a context of its own
 * (invocation-store.ts), so concurrent invocations never share the request id or the keys on
 * their log lines.
 */
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import type { Context } from "aws-lambda";
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import {
  ENV,
  FUNCTIONS,
  FUNCTION_NAMES,
  LIMITS,
  ROUTES,
  functionEnvKeys,
  routeHandler,
  routeKey,
  routePath,
  type EnvKey,
  type FunctionName,
  type RouteId,
} from "../../functions/shared/contract";
import { toApiGatewayEvent } from "./api-gateway-event";
import { EMULATOR_CLIENT_CONFIG } from "./emulators";
import { LocalStackError } from "./errors";
import { multiConcurrentEnvironment } from "./invocation-store";

/** What the local environment variables' values come from. */
export interface LocalSettings {
  readonly table: string;
  readonly bucket: string;
  /** Photo URLs are `${photosBaseUrl}/${variantKey}`. */
  readonly photosBaseUrl: string;
  readonly uploadLimitBytes: number;
  /** @default LIMITS.defaultUploadQuota */
  readonly uploadQuota?: number;
  /** cognito-local's pool. @default a placeholder (no function then reaches Cognito) */
  readonly userPoolId?: string;
  /** @default LIMITS.defaultPixelLimit */
  readonly pixelLimit?: number;
  /** The emulators the AWS SDK is pointed at; none for a cold-start measurement, as in AWS. */
  readonly endpoints?: {
    readonly s3: string;
    readonly dynamodb: string;
    /** cognito-local. @default none (no function then reaches Cognito) */
    readonly cognito?: string;
    /** The CloudFront stand-in that records invalidations (cdn-invalidations.ts). @default none */
    readonly cloudfront?: string;
  };
}

/** The ARN function `name` has locally (its context's `invokedFunctionArn`, its failure records' function). */
export function localFunctionArn(name: string): string {
  return `arn:aws:lambda:${EMULATOR_CLIENT_CONFIG.region}:000000000000:function:${name}`;
}

/** The distribution id functions get locally: the invalidation recorder accepts any. */
export const LOCAL_DISTRIBUTION_ID = "LOCALPHOTOS";

/** The functions' metrics namespace locally (a stage's is its name prefix, e.g. `event-photos-dev`). */
export const LOCAL_METRICS_NAMESPACE = "event-photos-local";

/** Each contract variable's local value for function `name`; the stacks give the AWS ones (stacks/photos-api-stack.ts). */
function environmentValues(name: FunctionName, settings: LocalSettings): Record<EnvKey, string> {
  return {
    serviceName: name,
    metricsNamespace: LOCAL_METRICS_NAMESPACE,
    // No X-Ray daemon runs locally.
    tracing: "false",
    tableName: settings.table,
    bucketName: settings.bucket,
    photosBaseUrl: settings.photosBaseUrl,
    uploadLimitBytes: String(settings.uploadLimitBytes),
    uploadQuota: String(settings.uploadQuota ?? LIMITS.defaultUploadQuota),
    userPoolId: settings.userPoolId ?? "local-no-user-pool",
    photosDistributionId: LOCAL_DISTRIBUTION_ID,
    pixelLimit: String(settings.pixelLimit ?? LIMITS.defaultPixelLimit),
  };
}

/**
 * The environment function `name` runs with: exactly its contract variables, plus the SDK's own
 * endpoint, region and credential variables when emulators are given, and the Lambda runtime's
 * initialization type (Powertools reports a cold start only for `on-demand`, as Lambda sets it).
 * Function code never knows it runs locally: the SDK reads AWS_ENDPOINT_URL_<SERVICE> itself.
 */
export function functionEnvironment(name: FunctionName, settings: LocalSettings): Record<string, string> {
  const values = environmentValues(name, settings);
  return {
    ...sdkEnvironment(settings),
    AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
    ...Object.fromEntries(functionEnvKeys(name).map((key) => [ENV[key].variable, values[key]])),
  };
}

function sdkEnvironment(settings: LocalSettings): Record<string, string> {
  if (!settings.endpoints) return { AWS_REGION: EMULATOR_CLIENT_CONFIG.region };
  return {
    AWS_REGION: EMULATOR_CLIENT_CONFIG.region,
    AWS_ACCESS_KEY_ID: EMULATOR_CLIENT_CONFIG.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: EMULATOR_CLIENT_CONFIG.credentials.secretAccessKey,
    AWS_ENDPOINT_URL_S3: settings.endpoints.s3,
    AWS_ENDPOINT_URL_DYNAMODB: settings.endpoints.dynamodb,
    ...(settings.endpoints.cognito && { AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: settings.endpoints.cognito }),
    ...(settings.endpoints.cloudfront && { AWS_ENDPOINT_URL_CLOUDFRONT: settings.endpoints.cloudfront }),
  };
}

export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

/** A request to one route, as it reaches the handler once API Gateway has checked the token. */
export interface RouteCall {
  readonly pathParameters?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string>>;
  /** A value sent as JSON, or a string sent as it is. */
  readonly body?: unknown;
  /** The verified token's claims. */
  readonly claims: Readonly<Record<string, unknown>>;
}

export interface HandlerHost {
  /** Invokes function `name` with `event`, as Lambda would (a rejection is a failed invocation). */
  invoke(name: FunctionName, event: unknown): Promise<unknown>;
  /** Invokes the function behind route `id` with the API Gateway v2 event the local API server would build. */
  callRoute(id: RouteId, call: RouteCall): Promise<APIGatewayProxyStructuredResultV2>;
}

/** The API Gateway v2 event of a call to route `id` (what the local API server builds for a real request). */
export function routeEvent(id: RouteId, call: RouteCall) {
  const route = ROUTES[id];
  const pathParameters = call.pathParameters ?? {};
  const text = call.body === undefined ? "" : typeof call.body === "string" ? call.body : JSON.stringify(call.body);
  return toApiGatewayEvent(
    {
      method: route.method,
      rawPath: routePath(route, pathParameters),
      rawQueryString: new URLSearchParams(call.query).toString(),
      headers: { host: "127.0.0.1", "content-type": "application/json" },
      body: Buffer.from(text, "utf8"),
      sourceIp: "127.0.0.1",
    },
    { match: { routeId: id, routeKey: routeKey(route), pathParameters }, claims: call.claims, requestId: randomUUID(), now: new Date() },
  );
}

const FUNCTIONS_DIR = join(__dirname, "..", "..", "functions");
let loadedWith: string | undefined;

export async function startHandlerHost(settings: LocalSettings): Promise<HandlerHost> {
  const environments = new Map(FUNCTION_NAMES.map((name) => [name, functionEnvironment(name, settings)]));
  const fingerprint = JSON.stringify([...environments]);
  if (loadedWith !== undefined && loadedWith !== fingerprint) {
    throw new LocalStackError("the handlers were already loaded in this process with other settings; host one set of handlers per process");
  }
  loadedWith = fingerprint;
  // What every function gets alike stays set for the life of the process (the SDK reads its
  // variables on the first request, not at load time); the rest only while its own module loads.
  const shared = sharedVariables([...environments.values()]);
  Object.assign(process.env, shared);
  const invocations = await multiConcurrentEnvironment();

  const handlers = new Map<FunctionName, LambdaHandler>();
  for (const [name, environment] of environments) {
    const path = join(FUNCTIONS_DIR, name, "handler");
    const own = Object.keys(environment).filter((variable) => !(variable in shared));
    let module: { handler?: unknown };
    try {
      Object.assign(process.env, environment);
      module = (await import(path)) as { handler?: unknown };
    } catch (error) {
      throw new LocalStackError(`cannot load handler ${name} from ${path}.ts: ${(error as Error).message}; fix the module, then restart`, { cause: error });
    } finally {
      for (const variable of own) delete process.env[variable];
    }
    if (typeof module.handler !== "function") {
      throw new LocalStackError(`${path}.ts does not export a function named handler; export the Lambda handler as \`handler\``);
    }
    handlers.set(name, module.handler as LambdaHandler);
  }
  const invoke: HandlerHost["invoke"] = (name, event) => {
    const handler = handlers.get(name);
    if (!handler) throw new LocalStackError(`no handler named ${name}; use one of ${FUNCTION_NAMES.join(", ")}`);
    const context = lambdaContext(name);
    return invocations.run(context.awsRequestId, () => handler(event, context));
  };
  return {
    invoke,
    async callRoute(id, call) {
      return (await invoke(routeHandler(id), routeEvent(id, call))) as APIGatewayProxyStructuredResultV2;
    },
  };
}

/** Variables every environment sets to the same value; a function without one of them does not read it. */
function sharedVariables(environments: readonly Record<string, string>[]): Record<string, string> {
  const shared: Record<string, string> = {};
  const differing = new Set<string>();
  for (const environment of environments) {
    for (const [variable, value] of Object.entries(environment)) {
      if (variable in shared && shared[variable] !== value) differing.add(variable);
      shared[variable] = value;
    }
  }
  for (const variable of differing) delete shared[variable];
  return shared;
}

/** The context Lambda passes function `name` with one invocation: a fresh request id, its contract memory and deadline. */
export function lambdaContext(name: FunctionName): Context {
  const deadline = Date.now() + FUNCTIONS[name].timeoutSeconds * 1000;
  const fail = () => {
    throw new LocalStackError("the Lambda callback API is not supported locally; return a promise from the handler");
  };
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: name,
    functionVersion: "$LATEST",
    invokedFunctionArn: localFunctionArn(name),
    memoryLimitInMB: String(FUNCTIONS[name].memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: "local",
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: fail,
    fail,
    succeed: fail,
  };
}
