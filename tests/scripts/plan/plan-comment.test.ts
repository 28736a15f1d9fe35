import { GITHUB_COMMENT_MAX_CHARS, planCommentMarker, renderPlanComment, truncateMarkdown } from "../../../scripts/plan/plan-comment";
import { PlanError } from "../../../scripts/plan/errors";

const NOTICE = "\n[truncated]\n";

function stackPlan(stack: string, lines: number): { stack: string; markdown: string } {
  const body = Array.from({ length: lines }, (_, i) => `  + resource "aws_thing" "t${i}" { name = "${stack}-${i}" }`).join("\n");
  return { stack, markdown: `2 to add\n\n\`\`\`hcl\n${body}\n\`\`\`` };
}

describe("renderPlanComment", () => {
  test("starts with the stage's marker, keeps the summary and folds every stack's plan", () => {
    const comment = renderPlanComment({
      stage: "dev",
      summary: "| stack | add |\n|---|---|\n| photos-infra-dev | 2 |",
      stackPlans: [stackPlan("photos-infra-dev", 2), stackPlan("photos-api-dev", 2)],
    });
    expect(comment.split("\n")[0]).toBe(planCommentMarker("dev"));
    expect(comment).toContain("| photos-infra-dev | 2 |");
    expect(comment).toMatch(/<details><summary>Full plan \(2 stacks\)<\/summary>[\s\S]*### `photos-infra-dev`[\s\S]*### `photos-api-dev`[\s\S]*<\/details>\n$/);
    expect(comment).not.toContain("Truncated");
  });

  test("markers differ per stage, so each stage keeps its own comment", () => {
    expect(planCommentMarker("dev")).not.toBe(planCommentMarker("prod"));
    expect(planCommentMarker("prod")).toMatch(/^<!-- .* -->$/);
  });

  test("a plan larger than GitHub's limit is cut to fit, with its code fence closed and a link to the full plan", () => {
    const comment = renderPlanComment({
      stage: "prod",
      summary: "Plan: 5000 to add",
      stackPlans: [stackPlan("photos-infra-prod", 5000)],
      detailsUrl: "https://github.com/acme/photos/actions/runs/1",
    });
    expect(comment.length).toBeLessThanOrEqual(GITHUB_COMMENT_MAX_CHARS);
    expect(comment.startsWith(planCommentMarker("prod"))).toBe(true);
    expect(comment).toContain("Plan: 5000 to add");
    expect(comment).toContain("**Truncated**");
    expect(comment).toContain("(https://github.com/acme/photos/actions/runs/1)");
    expect((comment.match(/^```/gm) ?? []).length % 2).toBe(0);
    expect(comment.endsWith("</details>\n")).toBe(true);
  });

  test("an oversized summary is cut too, and still leaves room for the plan", () => {
    const comment = renderPlanComment({
      stage: "dev",
      summary: "summary line\n".repeat(10_000),
      stackPlans: [stackPlan("photos-infra-dev", 10)],
      maxChars: 4000,
    });
    expect(comment.length).toBeLessThanOrEqual(4000);
    expect(comment).toContain("### `photos-infra-dev`");
  });
});

describe("truncateMarkdown", () => {
  test("returns text that fits unchanged", () => {
    expect(truncateMarkdown("short", 100, NOTICE)).toBe("short");
  });

  test("cuts at a line end", () => {
    const cut = truncateMarkdown("line one\nline two\nline three", 27, NOTICE);
    expect(cut).toBe(`line one${NOTICE}`);
  });

  test("never splits an emoji when a single line must be cut", () => {
    const cut = truncateMarkdown("📸".repeat(50), 40, NOTICE);
    expect(cut.length).toBeLessThanOrEqual(40);
    expect(cut.replace(NOTICE, "")).toMatch(/^(📸)+$/u);
  });

  test("refuses a limit that cannot hold the notice, naming the limit", () => {
    expect(() => truncateMarkdown("x".repeat(100), 5, NOTICE)).toThrow(PlanError);
    expect(() => truncateMarkdown("x".repeat(100), 5, NOTICE)).toThrow(/maxChars is 5/);
  });
});
