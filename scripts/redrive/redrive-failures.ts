/**
 * Re-drives a failure queue into its function: each message's invocation record is checked, its
 * event (the record's `requestPayload`) is invoked asynchronously again, and the message is deleted
 * only once the invocation was accepted, so an interrupted run loses nothing and a repeated one
 * re-drives at most what it had not deleted yet (the processor absorbs a duplicate). The same code
 * serves a stage's SQS queue and the local stack's queue.
 */
import { functionNameOfArn, parseInvocationRecord } from "../local/invocation-record";
import { describeNotification } from "../local/s3-notifications";
import { RedriveError } from "./errors";
import type { FailureMessage, FailureQueue } from "./failure-queue";

export interface AsyncInvoker {
  /** The function, as the records' ARNs name it. */
  readonly functionName: string;
  /** Resolves with the invocation's request id once it was accepted; rejects when it was not. */
  invokeAsync(payload: unknown): Promise<string | undefined>;
}

export interface RedriveProps {
  readonly queue: FailureQueue;
  readonly target: AsyncInvoker;
  /**
   * When the run started: a record kept since then (a re-driven event that failed again) is left
   * for the next run, so a run always ends.
   */
  readonly startedAt: Date;
  /** One line per message. */
  readonly log: (line: string) => void;
}

export interface RedriveSummary {
  readonly redriven: number;
  /** The messages left in the queue, and why. */
  readonly left: readonly { readonly id: string; readonly reason: string }[];
}

export async function redriveFailures(props: RedriveProps): Promise<RedriveSummary> {
  const { queue, target } = props;
  const seen = new Set<string>();
  const left: { id: string; reason: string }[] = [];
  /** Received and not deleted: made visible again when the run ends, however it ends. */
  const kept: FailureMessage[] = [];
  let redriven = 0;
  const leave = (message: FailureMessage, reason: string) => {
    left.push({ id: message.id, reason });
    props.log(`left message ${message.id} in ${queue.name}: ${reason}`);
  };

  try {
    for (;;) {
      const batch = (await queue.receive()).filter((message) => !seen.has(message.id));
      if (batch.length === 0) break;
      kept.push(...batch);
      for (const message of batch) {
        seen.add(message.id);
        if (await redriveOne(message)) kept.splice(kept.indexOf(message), 1);
      }
    }
  } finally {
    // Best effort: a message not released shows again once its visibility timeout ends anyway.
    await Promise.all(kept.map((message) => queue.release(message).catch(() => undefined)));
  }
  return { redriven, left };

  /** Whether the message was re-driven and deleted. */
  async function redriveOne(message: FailureMessage): Promise<boolean> {
    const parsed = parseInvocationRecord(message.body);
    if ("problem" in parsed) {
      leave(message, `${parsed.problem}; inspect it, and delete it once its upload is dealt with`);
      return false;
    }
    const { requestContext, requestPayload, responsePayload } = parsed.record;
    const recordedFor = functionNameOfArn(requestContext.functionArn);
    if (recordedFor !== target.functionName) {
      leave(message, `it records a failure of ${recordedFor ?? requestContext.functionArn}, not of ${target.functionName}; re-drive it into its own function`);
      return false;
    }
    if (Date.parse(parsed.record.timestamp) >= props.startedAt.getTime()) {
      leave(message, "it was recorded after this run started (a re-driven event failed again); run the redrive again once the cause is fixed");
      return false;
    }

    const what = describeNotification(requestPayload);
    let requestId: string | undefined;
    try {
      requestId = await target.invokeAsync(requestPayload);
    } catch (error) {
      throw new RedriveError(
        `invoking ${target.functionName} with ${what} (message ${message.id}) failed: ${(error as Error).message}. ` +
          `${redriven} re-driven so far; that message and the rest stay in ${queue.name}: fix the cause and run the redrive again`,
        { cause: error },
      );
    }
    try {
      await queue.delete(message);
    } catch (error) {
      throw new RedriveError(
        `${what} was re-driven (request ${requestId ?? "unknown"}) but message ${message.id} could not be deleted from ${queue.name}: ${(error as Error).message}. ` +
          "The next run re-drives it again, which the processor absorbs",
        { cause: error },
      );
    }
    redriven += 1;
    props.log(`re-drove ${what} (message ${message.id}, request ${requestId ?? "unknown"}); it had failed ${requestContext.approximateInvokeCount} attempts: ${errorMessageOf(responsePayload)}`);
    return true;
  }
}

/** The Node.js runtime's `errorMessage`, or the condition when the record has none. */
function errorMessageOf(responsePayload: unknown): string {
  const message = (responsePayload as { errorMessage?: unknown } | null | undefined)?.errorMessage;
  return typeof message === "string" ? message : "no error message recorded";
}
