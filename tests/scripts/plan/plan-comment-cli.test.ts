/** scripts/plan/plan-comment.ts as plan.yml runs it, on the files `npm run plan` writes. */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { planCommentMarker } from "../../../scripts/plan/plan-comment";

const REPO = join(__dirname, "..", "..", "..");
let plansDir: string;

beforeAll(() => {
  plansDir = mkdtempSync(join(tmpdir(), "plan-comment-"));
  const dir = join(plansDir, "dev");
  mkdirSync(dir);
  writeFileSync(join(dir, "summary.md"), "## Plan for `dev`: 3 to add\n");
  writeFileSync(join(dir, "photos-infra-dev.md"), "- create `aws_s3_bucket.photos`\n");
  writeFileSync(join(dir, "photos-infra-dev.plan.txt"), '  + resource "aws_s3_bucket" "photos" {}\n');
  writeFileSync(join(dir, "photos-api-dev.md"), "- create `aws_lambda_function.get_photo`\n");
});

afterAll(() => rmSync(plansDir, { recursive: true, force: true }));

function run(...args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", "scripts/plan/plan-comment.ts", "--plans-dir", plansDir, ...args], { cwd: REPO, encoding: "utf8" });
}

test("writes the stage's comment: marker, summary, then each stack in deployment order with its plan text", () => {
  const out = join(plansDir, "dev", "comment.md");
  const result = run("--stage", "dev", "--out", out);
  expect(result.stderr).not.toMatch(/Error/);
  expect(result.status).toBe(0);
  const comment = readFileSync(out, "utf8");
  expect(comment.startsWith(`${planCommentMarker("dev")}\n## Plan for \`dev\`: 3 to add`)).toBe(true);
  expect(comment.indexOf("### `photos-infra-dev`")).toBeLessThan(comment.indexOf("### `photos-api-dev`"));
  expect(comment).toContain('```text\n  + resource "aws_s3_bucket" "photos" {}\n```');
  expect(comment).toContain("No `terraform show` output was saved for this stack");
  // The summary holds the resource tables: the details block must not repeat them.
  expect(comment).not.toContain("aws_lambda_function.get_photo");
});

test("names a missing plan file and the command that writes it", () => {
  unlinkSync(join(plansDir, "dev", "summary.md"));
  const result = run("--stage", "dev");
  expect(result.status).toBe(1);
  expect(result.stderr).toContain("summary.md does not exist; run `npm run plan -- --stage dev` first");
});
