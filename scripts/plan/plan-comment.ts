/**
 * Renders one stage's Terraform plan as a sticky pull-request comment: the Markdown summary in
 * full, every stack's plan folded in a <details> block, and the whole body kept under GitHub's
 * comment size limit so the API never rejects it. As a command it reads the files `npm run plan`
 * wrote: summary.md (every stack's resource table) and, when the workflow saved it,
 * <stack>.plan.txt (`terraform show` of the plan: the attribute-level diff):
 *   node --import tsx scripts/plan/plan-comment.ts --stage dev [--plans-dir plans] [--details-url URL] [--out FILE]
 * It prints the comment to stdout when --out is not given.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { resolveStage } from "../../stacks/config";
import { stageStackNames } from "../../stacks/names";
import { PlanError } from "./errors";

/** GitHub rejects comment bodies longer than this ("body is too long (maximum is 65536 characters)"). */
export const GITHUB_COMMENT_MAX_CHARS = 65_536;

/** One stack's full plan for the details block (e.g. `terraform show` of it), headed by the stack's name. */
export interface StackPlan {
  readonly stack: string;
  readonly markdown: string;
}

export interface PlanCommentProps {
  /** The stage the plan is for; it names the comment's marker. */
  readonly stage: string;
  /** The stage's Markdown summary (`plans/<stage>/summary.md`). */
  readonly summary: string;
  /** The stacks' full plans, in deployment order. */
  readonly stackPlans: readonly StackPlan[];
  /** Where the untruncated plan can be downloaded. @default no link */
  readonly detailsUrl?: string;
  /** Upper bound of the body's length in UTF-16 code units. @default GITHUB_COMMENT_MAX_CHARS */
  readonly maxChars?: number;
}

/** The hidden line that identifies a stage's comment, so a new plan updates it instead of adding one. */
export function planCommentMarker(stage: string): string {
  return `<!-- plan:${stage} -->`;
}

export function renderPlanComment(props: PlanCommentProps): string {
  const maxChars = props.maxChars ?? GITHUB_COMMENT_MAX_CHARS;
  const where = props.detailsUrl ? `; the full plan is in the [workflow run's artifacts](${props.detailsUrl})` : "";
  const notice = `\n\n> **Truncated** to fit GitHub's comment size limit${where}.\n`;

  const head = `${planCommentMarker(props.stage)}\n`;
  const detailsOpen = `\n\n<details><summary>Full plan (${props.stackPlans.length} stacks)</summary>\n\n`;
  const detailsClose = `\n\n</details>\n`;
  const body = props.stackPlans.map((plan) => `### \`${plan.stack}\`\n\n${plan.markdown.trim()}`).join("\n\n");

  // The summary is what reviewers read first: it keeps at least half the room, the plan gets the rest.
  const frame = head.length + detailsOpen.length + detailsClose.length;
  const summary = truncateMarkdown(props.summary.trim(), Math.floor((maxChars - frame) / 2), notice);
  const details = truncateMarkdown(body, maxChars - frame - summary.length, notice);
  return `${head}${summary}${detailsOpen}${details}${detailsClose}`;
}

/**
 * Cuts Markdown to at most `maxChars` (notice included) at a line end, closing a code fence the
 * cut left open so the rest of the comment still renders as Markdown.
 */
export function truncateMarkdown(text: string, maxChars: number, notice: string): string {
  if (text.length <= maxChars) return text;
  const fenceCloser = "\n```";
  const room = maxChars - notice.length - fenceCloser.length;
  if (room <= 0) {
    throw new PlanError(
      `maxChars is ${maxChars}, too small for the truncation notice (${notice.length} characters); allow more characters`,
    );
  }
  const lineEnd = text.lastIndexOf("\n", room);
  const kept = text.slice(0, lineEnd > 0 ? lineEnd : withoutSplitSurrogate(text, room));
  const openFence = (kept.match(/^```/gm) ?? []).length % 2 === 1;
  return `${kept}${openFence ? fenceCloser : ""}${notice}`;
}

/** Moves a cut one code unit back when it would split an astral character (an emoji) in half. */
function withoutSplitSurrogate(text: string, cut: number): number {
  const code = text.charCodeAt(cut - 1);
  return code >= 0xd800 && code <= 0xdbff ? cut - 1 : cut;
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
  if (!values.stage) throw new PlanError("--stage is missing; pass the stage whose plan to render, e.g. --stage dev");
  const stage = resolveStage(values.stage);
  const dir = join(values["plans-dir"], stage.stage);
  const summaryFile = join(dir, "summary.md");
  if (!existsSync(summaryFile)) {
    throw new PlanError(`${summaryFile} does not exist; run \`npm run plan -- --stage ${stage.stage}\` first`);
  }
  // The summary already holds each stack's resource table; the details add only the diff.
  const planText = (stack: string) => {
    const path = join(dir, `${stack}.plan.txt`);
    return existsSync(path)
      ? `\`\`\`text\n${readFileSync(path, "utf8").trimEnd()}\n\`\`\``
      : `No \`terraform show\` output was saved for this stack; the table above lists its changes.`;
  };

  // Deployment order, so the plan reads top-down like the apply.
  const stacks = Object.values(stageStackNames(stage.stage));
  const comment = renderPlanComment({
    stage: stage.stage,
    summary: readFileSync(summaryFile, "utf8"),
    stackPlans: stacks.map((stack) => ({ stack, markdown: planText(stack) })),
    detailsUrl: values["details-url"],
  });
  if (values.out) writeFileSync(values.out, comment);
  else process.stdout.write(comment);
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
    process.exitCode = 1;
  }
}
