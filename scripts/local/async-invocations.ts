/**
 * Asynchronous invocation of one function, as Lambda runs it for S3 notifications and for
 * `Invoke` with `InvocationType: Event`: the event is accepted at once and runs after the current
 * turn; a failed run is retried twice with backoff; an event that fails every attempt goes to the
 * on-failure destination as Lambda's invocation record, so none is dropped silently.
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html
 */
import { randomUUID } from "node:crypto";
import { LocalStackError } from "./errors";
import { retriesExhaustedRecord, type InvocationRecord } from "./invocation-record";

export interface AsyncInvocationsProps {
  /** The function, for log lines. */
  readonly functionName: string;
  /** Its unqualified ARN, as its records name it. */
  readonly functionArn: string;
  /** Runs the function on one event; a rejection is a failed attempt. */
  readonly run: (event: unknown) => Promise<unknown>;
  /** Wait before each retry; Lambda retries twice, after about 1 and 2 minutes (shortened locally). @default [1000, 2000] */
  readonly retryDelaysMs?: readonly number[];
  /** The on-failure destination: keeps the record of an event that failed every attempt and says where, for the log. */
  readonly onFailure: (record: InvocationRecord) => Promise<string>;
  /** Names an event in log lines (its S3 keys, say). */
  readonly describe: (event: unknown) => string;
  readonly log: (line: string) => void;
  /** @default () => new Date() */
  readonly now?: () => Date;
}

export interface AsyncInvocations {
  /** Accepts `event` (Lambda's 202) and returns the invocation's request id; the function runs after the current turn. */
  invoke(event: unknown): string;
  /** Resolves once every event accepted so far has succeeded or reached the destination. */
  idle(): Promise<void>;
  /**
   * Accepts no more events. Events waiting for a retry are retried at once rather than dropped
   * (Lambda's queue is durable, this one is in memory), so each still succeeds or reaches the
   * destination; resolves when all have.
   */
  stop(): Promise<void>;
}

export function createAsyncInvocations(props: AsyncInvocationsProps): AsyncInvocations {
  const retryDelaysMs = props.retryDelaysMs ?? [1000, 2000];
  const now = props.now ?? (() => new Date());
  const inFlight = new Set<Promise<void>>();
  const waits = new Set<() => void>();
  let stopped = false;

  /** Resolves after `ms`, or at once when the invocations stop. */
  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        waits.delete(done);
        resolve();
      }
      waits.add(done);
    });

  async function attempt(event: unknown, requestId: string): Promise<void> {
    const what = props.describe(event);
    for (let attempts = 1; ; attempts += 1) {
      try {
        await props.run(event);
        return;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        const delay = retryDelaysMs[attempts - 1];
        if (delay !== undefined) {
          props.log(`${props.functionName} failed for ${what} (attempt ${attempts}), retrying in ${stopped ? 0 : delay} ms: ${reason}`);
          if (!stopped) await wait(delay);
          continue;
        }
        const record = retriesExhaustedRecord({ functionArn: props.functionArn, requestId, event, attempts, error, now: now() });
        try {
          const where = await props.onFailure(record);
          props.log(`${props.functionName} failed for ${what} after ${attempts} attempts, giving up: ${reason}; the event is kept in ${where}`);
        } catch (destinationError) {
          props.log(`${props.functionName} failed for ${what} after ${attempts} attempts: ${reason}; the event is LOST, its record could not be kept: ${(destinationError as Error).message}`);
        }
        return;
      }
    }
  }

  const idle = async () => {
    while (inFlight.size > 0) await Promise.all(inFlight);
  };

  return {
    invoke(event) {
      if (stopped) throw new LocalStackError(`${props.functionName} takes no more events: the local stack is stopping`);
      const requestId = randomUUID();
      // After the current turn, as from Lambda's queue: the caller (an emulator's write) finishes first.
      const invocation = new Promise<void>((resolve) => setImmediate(resolve)).then(() => attempt(event, requestId));
      inFlight.add(invocation);
      void invocation.finally(() => inFlight.delete(invocation));
      return requestId;
    },
    idle,
    async stop() {
      stopped = true;
      for (const done of [...waits]) done();
      await idle();
    },
  };
}
