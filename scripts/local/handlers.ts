/**
 * Loads the Lambda handlers from functions/ in this process. They read their configuration from
 * process.env when their module loads, so the environment is set first, and only once per process.
 */
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import type { Context } from "aws-lambda";
import { ENV, FUNCTION_NAMES, type FunctionName } from "../../functions/shared/contract";
import { LocalStackError } from "./errors";

export type HandlerEnvironment = Readonly<Record<keyof typeof ENV, string>>;
export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;
export type InvokeFunction = (name: FunctionName, event: unknown) => Promise<unknown>;

const FUNCTIONS_DIR = join(__dirname, "..", "..", "functions");
let loadedWith: string | undefined;

export async function loadHandlers(environment: HandlerEnvironment, region: string): Promise<InvokeFunction> {
  const fingerprint = JSON.stringify(environment);
  if (loadedWith !== undefined && loadedWith !== fingerprint) {
    throw new LocalStackError("a local stack with other endpoints already loaded the handlers in this process; run one local stack per process");
  }
  loadedWith = fingerprint;
  // With the emulator endpoints set, the handlers' clients also fix their region and credentials
  // (functions/shared/local-endpoint.ts), so no AWS profile leaks into local runs.
  for (const [key, name] of Object.entries(ENV)) process.env[name] = environment[key as keyof typeof ENV];

  const handlers = new Map<FunctionName, LambdaHandler>();
  for (const name of FUNCTION_NAMES) {
    const path = join(FUNCTIONS_DIR, name, "handler");
    let module: { handler?: unknown };
    try {
      module = (await import(path)) as { handler?: unknown };
    } catch (error) {
      throw new LocalStackError(`cannot load handler ${name} from ${path}.ts: ${(error as Error).message}; fix the module, then restart`, { cause: error });
    }
    if (typeof module.handler !== "function") {
      throw new LocalStackError(`${path}.ts does not export a function named handler; export the Lambda handler as \`handler\``);
    }
    handlers.set(name, module.handler as LambdaHandler);
  }
  return (name, event) => {
    const handler = handlers.get(name);
    if (!handler) throw new LocalStackError(`no handler named ${name}; use one of ${FUNCTION_NAMES.join(", ")}`);
    return handler(event, lambdaContext(name, region));
  };
}

function lambdaContext(functionName: string, region: string): Context {
  const deadline = Date.now() + 30_000;
  const fail = () => {
    throw new LocalStackError("the Lambda callback API is not supported locally; return a promise from the handler");
  };
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:${region}:000000000000:function:${functionName}`,
    memoryLimitInMB: "512",
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: "local",
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: fail,
    fail,
    succeed: fail,
  };
}
