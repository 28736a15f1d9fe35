/**
 * Least privilege, observed: every AWS request a hosted handler sends is mapped to the IAM action
 * (and, for S3, the key) it needs, and checked against the function's contract access right after
 * the invocation. A handler that calls anything its role would not allow fails the test that
 * invoked it, long before AWS would refuse it in a deployed stage.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { subscribe } from "node:diagnostics_channel";
import type { ClientRequest } from "node:http";
import { FUNCTIONS, type FunctionName } from "../../functions/shared/contract";

export interface ObservedCall {
  readonly action: string;
  /** The object key, for S3 calls. */
  readonly key?: string;
}

const current = new AsyncLocalStorage<ObservedCall[]>();
let subscribed = false;

/** The IAM action an SDK request needs, read from its target header (JSON protocols) or its method and path (S3, CloudFront). */
function actionOf(request: ClientRequest): ObservedCall | undefined {
  const target = request.getHeader("x-amz-target");
  if (typeof target === "string") {
    const [service, operation] = target.split(".");
    if (service?.startsWith("DynamoDB_")) return { action: `dynamodb:${operation}` };
    if (service === "AWSCognitoIdentityProviderService") return { action: `cognito-idp:${operation}` };
    return { action: target };
  }
  const path = decodeURIComponent(request.path.split("?")[0] ?? "");
  if (/\/distribution\/[^/]+\/invalidation$/.test(path) && request.method === "POST") return { action: "cloudfront:CreateInvalidation" };
  // Path-style S3: /<bucket>/<key>
  const key = path.split("/").slice(2).join("/");
  const byMethod: Record<string, string> = { GET: "s3:GetObject", HEAD: "s3:GetObject", PUT: "s3:PutObject", DELETE: "s3:DeleteObject" };
  const action = byMethod[request.method];
  return action && key ? { action, key } : undefined;
}

function ensureSubscribed(): void {
  if (subscribed) return;
  subscribed = true;
  subscribe("http.client.request.start", (message) => {
    const calls = current.getStore();
    if (!calls) return;
    const call = actionOf((message as { request: ClientRequest }).request);
    if (call) calls.push(call);
  });
}

/** The calls `name` made that its FUNCTIONS access does not grant (an index grant covers Query). */
export function ungranted(name: FunctionName, calls: readonly ObservedCall[]): ObservedCall[] {
  const access = FUNCTIONS[name].access;
  const granted = (call: ObservedCall) => {
    if (call.key !== undefined) return Object.entries(access.objects ?? {}).some(([prefix, actions]) => call.key!.startsWith(prefix) && actions.includes(call.action));
    const indexActions = Object.values(access.tableIndexes ?? {}).flat();
    return [...(access.table ?? []), ...indexActions, ...(access.userPool ?? []), ...(access.cdn ?? [])].includes(call.action);
  };
  return calls.filter((call) => !granted(call));
}

/** Runs one invocation of `name`, then throws naming every call its role would refuse. */
export async function withGrantedCallsOnly<T>(name: FunctionName, invoke: () => Promise<T>): Promise<T> {
  ensureSubscribed();
  const calls: ObservedCall[] = [];
  const result = await current.run(calls, invoke);
  const refused = ungranted(name, calls);
  if (refused.length > 0) {
    throw new Error(`${name} made calls its contract access does not grant: ${refused.map((call) => `${call.action}${call.key ? ` on ${call.key}` : ""}`).join(", ")}; add them to FUNCTIONS["${name}"].access or stop making them`);
  }
  return result;
}
