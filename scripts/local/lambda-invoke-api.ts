/**
 * Lambda's Invoke API for the local stack's asynchronously invoked functions, served on the API
 * server's port under Lambda's own path: `POST /2015-03-31/functions/{name}/invocations` with
 * `X-Amz-Invocation-Type: Event` hands the payload to the function's async invocations (the same
 * retries and failure queue as its S3 notifications) and answers 202, as Lambda does. The AWS
 * SDK's LambdaClient pointed at the stack therefore works unchanged: `npm run redrive -- --local`
 * uses it. Errors are Lambda's (`x-amzn-ErrorType` and a JSON message). Like the emulators it checks
 * no signature; it refuses requests from web pages (they carry an Origin).
 * https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html
 */
import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { Reply } from "./api-server";
import type { AsyncInvocations } from "./async-invocations";

export const LAMBDA_INVOKE_PATH_PREFIX = "/2015-03-31/functions/";
const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

export interface LambdaInvokeRequest {
  readonly method: string;
  /** Without the query. */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** The functions that can be invoked asynchronously, by name. */
export type AsyncFunctions = ReadonlyMap<string, Pick<AsyncInvocations, "invoke">>;

export function createLambdaInvokeApi(functions: AsyncFunctions): (request: LambdaInvokeRequest) => Reply {
  const names = [...functions.keys()].join(", ");
  return (request) => {
    if (request.headers.origin !== undefined) {
      return lambdaError(403, "AccessDeniedException", "The local Lambda API takes no requests from web pages; call it from a script on this machine");
    }
    const match = INVOKE_PATH.exec(request.path);
    if (request.method !== "POST" || !match) {
      return lambdaError(404, "UnknownOperationException", `The local Lambda API has only Invoke (POST ${LAMBDA_INVOKE_PATH_PREFIX}{name}/invocations), not ${request.method} ${request.path}`);
    }
    const name = functionName(match[1] ?? "");
    const invocations = functions.get(name);
    if (!invocations) {
      return lambdaError(404, "ResourceNotFoundException", `Function not found: ${name}; the local stack invokes ${names} asynchronously (the others through their HTTP routes)`);
    }
    const invocationType = request.headers["x-amz-invocation-type"] ?? "RequestResponse";
    if (invocationType !== "Event") {
      return lambdaError(400, "InvalidParameterValueException", `InvocationType ${String(invocationType)} is not supported locally; invoke ${name} with InvocationType Event`);
    }
    let event: unknown;
    try {
      event = JSON.parse(request.body.length === 0 ? "{}" : request.body.toString("utf8"));
    } catch {
      return lambdaError(400, "InvalidRequestContentException", "Could not parse request body into json: send the payload as JSON");
    }
    const requestId = invocations.invoke(event);
    return { statusCode: 202, headers: { "x-amzn-requestid": requestId }, body: Buffer.alloc(0) };
  };
}

/** The function's name from what Invoke accepts: a name, `name:qualifier`, a partial or a full ARN. */
function functionName(encoded: string): string {
  let reference: string;
  try {
    reference = decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
  const marker = ":function:";
  const at = reference.indexOf(marker);
  const unqualified = at < 0 ? reference : reference.slice(at + marker.length);
  return unqualified.split(":")[0] ?? "";
}

function lambdaError(statusCode: number, type: string, message: string): Reply {
  return {
    statusCode,
    headers: { "content-type": "application/json", "x-amzn-errortype": type, "x-amzn-requestid": randomUUID() },
    body: Buffer.from(JSON.stringify({ Type: "User", message })),
  };
}
