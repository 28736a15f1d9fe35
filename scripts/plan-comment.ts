/**
 * Renders the pull-request comment of one stage's plan from the files `npm run plan` wrote:
 * summary.md (every stack's resource table) and, when the workflow saved it, <stack>.plan.txt
 * (`terraform show` of the plan: the attribute-level diff folded under the summary):
 *   node --import tsx scripts/plan-comment.ts --stage dev [--plans-dir plans] [--details-url URL] [--out FILE]
 * Prints the comment to stdout when --out is not given.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { resolveStage } from "../stacks/config";
import { infraStackName } from "../stacks/infra-stack";
import { photosApiStackName } from "../stacks/photos-api-stack";
import { PlanCommentError, renderPlanComment } from "./lib/plan-comment";

export class MissingPlanFileError extends PlanCommentError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "MissingPlanFileError";
  }
}

function main(): void {
  const { values } = parseArgs({
    options: {
      stage: { type: "string" },
      "plans-dir": { type: "string", default: "plans" },
      "details-url": { type: "string" },
      out: { type: "string" },
    },
  });
  if (!values.stage) throw new PlanCommentError("--stage is missing; pass the stage whose plan to render, e.g. --stage dev");
  const stage = resolveStage(values.stage);
  const dir = join(values["plans-dir"], stage.stage);
  const summaryFile = join(dir, "summary.md");
  if (!existsSync(summaryFile)) {
    throw new MissingPlanFileError(`${summaryFile} does not exist; run \`npm run plan -- --stage ${stage.stage}\` first`);
  }
  // The summary already holds each stack's resource table; the details add only the diff.
  const planText = (stack: string) => {
    const path = join(dir, `${stack}.plan.txt`);
    return existsSync(path)
      ? `\`\`\`text\n${readFileSync(path, "utf8").trimEnd()}\n\`\`\``
      : `No \`terraform show\` output was saved for this stack; the table above lists its changes.`;
  };

  // Deployment order, so the plan reads top-down like the apply.
  const stacks = [infraStackName(stage), photosApiStackName(stage)];
  const comment = renderPlanComment({
    stage: stage.stage,
    summary: readFileSync(summaryFile, "utf8"),
    stackPlans: stacks.map((stack) => ({ stack, markdown: planText(stack) })),
    detailsUrl: values["details-url"],
  });
  if (values.out) writeFileSync(values.out, comment);
  else process.stdout.write(comment);
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exitCode = 1;
}
