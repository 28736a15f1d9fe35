/**
 * What the redrive needs of a failure queue, met by the SQS queue of a stage (sqs-failure-queue.ts)
 * and by the local stack's directory queue (scripts/local/local-failure-queue.ts) alike.
 */

/** One message: its body is an invocation record as JSON (scripts/local/invocation-record.ts). */
export interface FailureMessage {
  /** The message's id in its queue (SQS MessageId, the local file's name). */
  readonly id: string;
  readonly body: string;
  /** What deleting this receipt of the message takes (SQS ReceiptHandle). */
  readonly receipt: string;
}

export interface FailureQueue {
  /** Names the queue in progress lines. */
  readonly name: string;
  /**
   * Some of the queue's visible messages, none when it has none. A received message stays in the
   * queue until deleted, hidden from later receives meanwhile (for SQS's visibility timeout; for
   * the local queue, for the life of the reader).
   */
  receive(): Promise<readonly FailureMessage[]>;
  delete(message: FailureMessage): Promise<void>;
  /** Makes a received message visible again at once, for the next run or for inspection. */
  release(message: FailureMessage): Promise<void>;
}
