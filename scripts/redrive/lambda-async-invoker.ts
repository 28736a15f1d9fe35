/**
 * Invokes a function asynchronously (`InvocationType: Event`), as S3 did with the original event:
 * Lambda answers 202 once the event is queued, then runs it with its own retries and on-failure
 * destination. The same client reaches AWS and the local stack's Lambda API.
 */
import { InvokeCommand, type LambdaClient } from "@aws-sdk/client-lambda";
import { RedriveError } from "./errors";
import type { AsyncInvoker } from "./redrive-failures";

const ACCEPTED = 202;

export class LambdaAsyncInvoker implements AsyncInvoker {
  constructor(
    private readonly client: LambdaClient,
    readonly functionName: string,
  ) {}

  async invokeAsync(payload: unknown): Promise<string | undefined> {
    const output = await this.client.send(
      new InvokeCommand({ FunctionName: this.functionName, InvocationType: "Event", Payload: new TextEncoder().encode(JSON.stringify(payload)) }),
    );
    if (output.StatusCode !== ACCEPTED) {
      throw new RedriveError(`Lambda answered ${String(output.StatusCode)} to the asynchronous invocation of ${this.functionName}, not ${ACCEPTED} Accepted`);
    }
    return output.$metadata.requestId;
  }
}
