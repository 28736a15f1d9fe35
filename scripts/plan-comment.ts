/**
 * Renders the pull-request comment of one stage's plan from the files `npm run plan` wrote
 * (summary.md, <stack>.md) and, when present, <stack>.plan.txt (`terraform show` of the plan):
 *   npx tsx scripts/plan-comment.ts --stage dev [--plans-dir plans] [--details-url URL] [--out FILE]
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
  const read = (file: string) => {
    const path = join(dir, file);
    if (!existsSync(path)) {
      throw new MissingPlanFileError(`${path} does not exist; run \`npm run plan -- --stage ${stage.stage}\` first`);
    }
    return readFileSync(path, "utf8");
  };
  // `terraform show` of the stack's plan, when the workflow saved it: the attribute-level diff.
  const planText = (stack: string) => {
    const path = join(dir, `${stack}.plan.txt`);
    return existsSync(path) ? `\n\n\`\`\`text\n${readFileSync(path, "utf8").trimEnd()}\n\`\`\`` : "";
  };

  // Deployment order, so the plan reads top-down like the apply.
  const stacks = [infraStackName(stage), photosApiStackName(stage)];
  const comment = renderPlanComment({
    stage: stage.stage,
    summary: read("summary.md"),
    stackPlans: stacks.map((stack) => ({ stack, markdown: `${read(`${stack}.md`).trimEnd()}${planText(stack)}` })),
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
