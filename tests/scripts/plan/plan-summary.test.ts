import { changeKind, renderStageSummary, stackChanges, type PlanJson } from "../../../scripts/plan/plan-summary";
import { placeholderFor, upstreamOfRemoteState } from "../../../scripts/plan/offline-plan";
import { stackOrder } from "../../../scripts/plan/plan";

const change = (address: string, actions: string[], mode: "managed" | "data" = "managed") => ({ address, mode, type: address.split(".")[0] ?? "", change: { actions } });

describe("changeKind", () => {
  test.each([
    [["create"], "create"],
    [["update"], "update"],
    [["delete"], "delete"],
    [["delete", "create"], "replace"],
    [["create", "delete"], "replace"],
    [["no-op"], undefined],
    [["read"], undefined],
  ])("%j is %s", (actions, kind) => {
    expect(changeKind(actions)).toBe(kind);
  });
});

test("a stage summary counts each kind per stack and in total, and lists changes by kind then address", () => {
  const plan: PlanJson = {
    format_version: "1.2",
    resource_changes: [
      change("aws_sqs_queue.b", ["update"]),
      change("aws_sqs_queue.a", ["delete", "create"]),
      change("aws_iam_role.r", ["no-op"]),
      change("data.aws_iam_policy_document.d", ["read"], "data"),
      change("aws_s3_bucket.old", ["delete"]),
      change("aws_lambda_function.f", ["create"]),
    ],
  };
  const api = stackChanges("photos-api-qa", plan);
  const infra = stackChanges("photos-infra-qa", { format_version: "1.2", resource_changes: [change("aws_s3_bucket.x", ["create"])] });
  expect(api.changes).toEqual([
    { address: "aws_lambda_function.f", kind: "create" },
    { address: "aws_sqs_queue.b", kind: "update" },
    { address: "aws_sqs_queue.a", kind: "replace" },
    { address: "aws_s3_bucket.old", kind: "delete" },
  ]);
  const markdown = renderStageSummary("qa", [infra, api]);
  expect(markdown).toContain("**Total:** 2 to create, 1 to update, 1 to replace, 1 to delete.");
  expect(markdown).toContain("| `photos-api-qa` | 1 | 1 | 1 | 1 |");
  expect(markdown).toContain("| **Total** | **2** | **1** | **1** | **1** |");
  expect(markdown).toContain("| replace | `aws_sqs_queue.a` |");
  expect(markdown).not.toContain("aws_iam_role.r");
  expect(renderStageSummary("qa", [stackChanges("photos-infra-qa", { format_version: "1.2" })])).toContain("No changes.");
});

test("stacks are planned after the stacks they depend on, one stage only, chosen by their recorded stage", () => {
  const manifest = {
    stacks: {
      "photos-api-dev": { dependencies: ["photos-infra-dev"], workingDirectory: "stacks/photos-api-dev" },
      "photos-infra-dev": { dependencies: [], workingDirectory: "stacks/photos-infra-dev" },
      "photos-api-prod": { dependencies: ["photos-infra-prod"], workingDirectory: "stacks/photos-api-prod" },
      "photos-infra-prod": { dependencies: [], workingDirectory: "stacks/photos-infra-prod" },
      // A stage whose name ends like another's must not be pulled into that stage's plan.
      "photos-api-qa-dev": { dependencies: [], workingDirectory: "stacks/photos-api-qa-dev" },
      "photos-bootstrap": { dependencies: [], workingDirectory: "stacks/photos-bootstrap" },
    },
  };
  const stageOf = (stack: string) => (stack === "photos-bootstrap" ? undefined : /^photos-\w+-(.+)$/.exec(stack)?.[1]);
  expect(stackOrder(manifest, "dev", stageOf)).toEqual(["photos-infra-dev", "photos-api-dev"]);
  expect(stackOrder(manifest, "qa-dev", stageOf)).toEqual(["photos-api-qa-dev"]);
  expect(() => stackOrder(manifest, "qa", stageOf)).toThrow("No stack of stage `qa` in the synthesized app; run `npm run synth`");
});

test("offline placeholders are shaped like the attribute they stand for", () => {
  expect(placeholderFor("${aws_dynamodb_table.photos-table_D41D4EBF.arn}", "eu-west-1")).toBe(
    "arn:aws:dynamodb:eu-west-1:000000000000:aws_dynamodb_table/offline-placeholder",
  );
  expect(placeholderFor("${aws_cloudfront_distribution.cdn_1.domain_name}", "eu-west-1")).toBe("offline-placeholder.cloudfront.invalid");
  expect(placeholderFor("${aws_cognito_user_pool.pool_1.id}", "eu-west-1")).toBe("offline-placeholder-aws-cognito-user-pool-id");
  expect(upstreamOfRemoteState("cross-stack-reference-input-photos-infra-dev")).toBe("photos-infra-dev");
  expect(upstreamOfRemoteState("something-else")).toBeUndefined();
});
