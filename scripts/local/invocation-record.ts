/**
 * Lambda's invocation record: what an asynchronous invocation's on-failure destination receives
 * (for SQS, as the message body) once the event has failed every attempt. The local stack writes
 * records of this shape, and the redrive reads them, from SQS or from the local queue alike.
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
 */
import { z } from "zod";

const recordSchema = z.object({
  version: z.string(),
  timestamp: z.iso.datetime(),
  requestContext: z.object({
    requestId: z.string(),
    /** Qualified: `arn:aws:lambda:<region>:<account>:function:<name>:$LATEST`. */
    functionArn: z.string(),
    /** `RetriesExhausted`, or `EventAgeExceeded` when the event waited longer than the maximum age. */
    condition: z.string(),
    approximateInvokeCount: z.number().int().nonnegative(),
  }),
  /** The event as the function was invoked with it. */
  requestPayload: z.unknown(),
  responseContext: z.object({ statusCode: z.number().int(), executedVersion: z.string().optional(), functionError: z.string().optional() }),
  /** What the function returned or threw, for the Node.js runtime `{ errorType, errorMessage, trace }`. */
  responsePayload: z.unknown().optional(),
});

export type InvocationRecord = z.infer<typeof recordSchema>;

export interface FailedInvocation {
  readonly functionArn: string;
  readonly requestId: string;
  readonly event: unknown;
  readonly attempts: number;
  /** What the last attempt threw. */
  readonly error: unknown;
  readonly now: Date;
}

/** The record Lambda sends once retries are exhausted; a thrown error is reported as the Node.js runtime reports it. */
export function retriesExhaustedRecord(failure: FailedInvocation): InvocationRecord {
  const error = failure.error instanceof Error ? failure.error : new Error(String(failure.error));
  return {
    version: "1.0",
    timestamp: failure.now.toISOString(),
    requestContext: { requestId: failure.requestId, functionArn: `${failure.functionArn}:$LATEST`, condition: "RetriesExhausted", approximateInvokeCount: failure.attempts },
    requestPayload: failure.event,
    responseContext: { statusCode: 200, executedVersion: "$LATEST", functionError: "Unhandled" },
    responsePayload: { errorType: error.name, errorMessage: error.message, trace: (error.stack ?? "").split("\n") },
  };
}

/** The record in a message body, or what is wrong with it. */
export function parseInvocationRecord(body: string): { readonly record: InvocationRecord } | { readonly problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { problem: "its body is not JSON" };
  }
  const parsed = recordSchema.safeParse(json);
  if (parsed.success) return { record: parsed.data };
  const issue = parsed.error.issues[0];
  return { problem: `it is not a Lambda invocation record (${issue?.path.join(".") || "the body"}: ${issue?.message ?? "invalid"})` };
}

/** The function an ARN names (`arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]`), or undefined. */
export function functionNameOfArn(arn: string): string | undefined {
  const match = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)(?::[^:]+)?$/.exec(arn);
  return match?.[1];
}
