/**
 * Which queues a redrive reads and which functions it invokes: one pair per function with an
 * objectCreated trigger (the ones with an on-failure queue), in a deployed stage by the stack's
 * names, or in the running local stack.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { SQSClient } from "@aws-sdk/client-sqs";
import { objectCreatedFunctions } from "../../functions/shared/contract";
import { resolveStage } from "../../stacks/config";
import { failureQueueName, stageFunctionName } from "../../stacks/names";
import { EMULATOR_CLIENT_CONFIG } from "../local/emulators";
import { FAILURE_QUEUES_DIR, LocalFailureQueue, failureQueueDirectory } from "../local/local-failure-queue";
import { STACK_FILE_NAME, readRunningStack } from "../local/stack-file";
import { RedriveError } from "./errors";
import type { FailureQueue } from "./failure-queue";
import { LambdaAsyncInvoker } from "./lambda-async-invoker";
import type { AsyncInvoker } from "./redrive-failures";
import { SqsFailureQueue } from "./sqs-failure-queue";

export interface RedrivePair {
  readonly queue: FailureQueue;
  readonly target: AsyncInvoker;
}

export interface RedriveTargets {
  /** Where they are, for the first line of output. */
  readonly where: string;
  readonly pairs: readonly RedrivePair[];
  close(): void;
}

/** The names of a stage's failure queues and their functions, from the stacks' naming. */
export function stageRedriveNames(stageName: string) {
  const stage = resolveStage(stageName);
  return {
    region: stage.region,
    pairs: objectCreatedFunctions().map((fn) => ({ queueName: failureQueueName(stage.stage, fn), functionName: stageFunctionName(stage.stage, fn) })),
  };
}

/** A deployed stage's queues and functions, reached with the caller's AWS credentials in the stage's region. */
export async function stageRedriveTargets(stageName: string): Promise<RedriveTargets> {
  const { region, pairs } = stageRedriveNames(stageName);
  const sqs = new SQSClient({ region });
  const lambda = new LambdaClient({ region });
  const close = () => {
    sqs.destroy();
    lambda.destroy();
  };
  try {
    return {
      where: `stage ${stageName} (${region})`,
      pairs: await Promise.all(
        pairs.map(async ({ queueName, functionName }) => ({ queue: await SqsFailureQueue.named(sqs, queueName), target: new LambdaAsyncInvoker(lambda, functionName) })),
      ),
      close,
    };
  } catch (error) {
    close();
    if (error instanceof RedriveError) throw error;
    throw new RedriveError(
      `cannot reach SQS in ${region}: ${(error as Error).message}; sign in to the stage's AWS account first (AWS_PROFILE, aws sso login, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)`,
      { cause: error },
    );
  }
}

/** The running local stack's queues in its data directory, and its Lambda API on the API's port. */
export async function localRedriveTargets(dataDir: string): Promise<RedriveTargets> {
  const stackFile = join(dataDir, STACK_FILE_NAME);
  if (!existsSync(stackFile)) {
    throw new RedriveError(`the local stack is not running (there is no ${stackFile}); start it with \`npm start\` (its queue waits in ${join(dataDir, FAILURE_QUEUES_DIR)}), then run the redrive again`);
  }
  const stack = await readRunningStack(stackFile);
  const lambda = new LambdaClient({ ...EMULATOR_CLIENT_CONFIG, endpoint: stack.apiUrl });
  return {
    where: `the local stack at ${stack.apiUrl}`,
    pairs: objectCreatedFunctions().map((fn) => {
      const directory = failureQueueDirectory(dataDir, fn);
      return { queue: new LocalFailureQueue(directory), target: new LambdaAsyncInvoker(lambda, fn) };
    }),
    close: () => lambda.destroy(),
  };
}
