/** A stage's failure queue in SQS, where Lambda's on-failure destination sends invocation records. */
import { ChangeMessageVisibilityCommand, DeleteMessageCommand, GetQueueUrlCommand, QueueDoesNotExist, ReceiveMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { RedriveError } from "./errors";
import type { FailureMessage, FailureQueue } from "./failure-queue";

/**
 * How long a received message stays hidden from other receives: longer than one run takes to
 * re-drive a batch, so no message is taken twice while it is being re-driven.
 */
const VISIBILITY_TIMEOUT_SECONDS = 300;
/** Long polling asks every SQS server, so an empty answer means the queue has no visible message (short polling samples a few). */
const WAIT_TIME_SECONDS = 2;

export class SqsFailureQueue implements FailureQueue {
  private constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
    readonly name: string,
  ) {}

  /** The queue called `queueName` in the client's region. */
  static async named(client: SQSClient, queueName: string): Promise<SqsFailureQueue> {
    try {
      const { QueueUrl } = await client.send(new GetQueueUrlCommand({ QueueName: queueName }));
      if (!QueueUrl) throw new RedriveError(`SQS returned no URL for queue ${queueName}`);
      return new SqsFailureQueue(client, QueueUrl, queueName);
    } catch (error) {
      if (error instanceof QueueDoesNotExist) {
        const region = await client.config.region();
        throw new RedriveError(`there is no queue ${queueName} in ${region}; is the stage deployed, and are your credentials for its account?`, { cause: error });
      }
      throw error;
    }
  }

  async receive(): Promise<readonly FailureMessage[]> {
    const { Messages = [] } = await this.client.send(
      new ReceiveMessageCommand({ QueueUrl: this.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: WAIT_TIME_SECONDS, VisibilityTimeout: VISIBILITY_TIMEOUT_SECONDS }),
    );
    return Messages.flatMap(({ MessageId, ReceiptHandle, Body }) => (MessageId && ReceiptHandle ? [{ id: MessageId, body: Body ?? "", receipt: ReceiptHandle }] : []));
  }

  async delete(message: FailureMessage): Promise<void> {
    await this.client.send(new DeleteMessageCommand({ QueueUrl: this.queueUrl, ReceiptHandle: message.receipt }));
  }

  async release(message: FailureMessage): Promise<void> {
    await this.client.send(new ChangeMessageVisibilityCommand({ QueueUrl: this.queueUrl, ReceiptHandle: message.receipt, VisibilityTimeout: 0 }));
  }
}
