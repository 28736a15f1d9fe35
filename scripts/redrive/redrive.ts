/**
 * `npm run redrive -- --stage <stage>` or `npm run redrive -- --local [--data-dir <dir>]`: sends
 * the events the upload processor gave up on back to it (redrive-failures.ts), one line per
 * message, and a summary. Exits 1 when a message was left in a queue or an invocation failed.
 */
import { parseArgs } from "node:util";
import { DEFAULT_DATA_DIR } from "../local/stack-file";
import { RedriveError } from "./errors";
import { redriveFailures } from "./redrive-failures";
import { localRedriveTargets, stageRedriveTargets, type RedriveTargets } from "./redrive-targets";

const HELP = `Usage: npm run redrive -- --stage <stage>
       npm run redrive -- --local [--data-dir <dir>]

Sends each event in the upload processor's failure queue back to the processor as an
asynchronous invocation, and deletes the message once the invocation was accepted. Running it
twice is harmless: the processor is idempotent. An event that fails again returns to the queue
after its retries; the next run re-drives it.

Options:
  --stage <stage>    a deployed stage: its queue event-photos-<stage>-process-upload-failures into
                     event-photos-<stage>-process-upload, in the stage's region, with your AWS
                     credentials (sqs:GetQueueUrl, sqs:ReceiveMessage, sqs:DeleteMessage,
                     lambda:InvokeFunction)
  --local            the running local stack (npm start): its queue in <data dir>/failure-queues/,
                     invoked through the stack's Lambda API
  --data-dir <dir>   the local stack's data directory [default: ${DEFAULT_DATA_DIR}]
  --help             show this help`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { stage: { type: "string" }, local: { type: "boolean", default: false }, "data-dir": { type: "string" }, help: { type: "boolean", default: false } },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  if ((values.stage === undefined) === !values.local) {
    throw new RedriveError("say which queue to re-drive: --stage <stage> for a deployed stage, or --local for the local stack (npm run redrive -- --help)");
  }
  if (values["data-dir"] !== undefined && !values.local) throw new RedriveError("--data-dir belongs to --local; a stage's queue is found by its name");

  const startedAt = new Date();
  const targets: RedriveTargets = values.stage !== undefined ? await stageRedriveTargets(values.stage) : await localRedriveTargets(values["data-dir"] ?? DEFAULT_DATA_DIR);
  let leftOver = 0;
  try {
    for (const { queue, target } of targets.pairs) {
      console.log(`Re-driving ${queue.name} into ${target.functionName} (${targets.where})`);
      const { redriven, left } = await redriveFailures({ queue, target, startedAt, log: (line) => console.log(line) });
      leftOver += left.length;
      console.log(redriven + left.length === 0 ? `Nothing to re-drive: ${queue.name} is empty` : `${redriven} re-driven, ${left.length} left in ${queue.name}`);
    }
  } finally {
    targets.close();
  }
  if (leftOver > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(`redrive failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
