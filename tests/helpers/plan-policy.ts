/**
 * Security rules checked on what Terraform would create (a `terraform show -json` plan), the same
 * rules the stack tests check on the synthesized configuration. Each rule returns violations.
 */
import { FUNCTIONS, FUNCTION_NAMES, UPLOADS_PREFIX, accessActions } from "../../functions/shared/contract";

/** Every key prefix some function may touch (the contract's object access). */
const OBJECT_PREFIXES = [...new Set(FUNCTION_NAMES.flatMap((fn) => Object.keys(FUNCTIONS[fn].access.objects ?? {})))];

export interface PlannedResource {
  readonly address: string;
  readonly type: string;
  readonly after: Record<string, unknown>;
  readonly afterUnknown: Record<string, unknown>;
  /** What the configuration's `bucket` argument refers to (its value is unknown until apply). */
  readonly bucketReferences: readonly string[];
}

interface PlanResourceChange {
  readonly address: string;
  readonly mode: string;
  readonly type: string;
  readonly change: { readonly actions: readonly string[]; readonly after: Record<string, unknown> | null; readonly after_unknown?: Record<string, unknown> };
}

interface PlanConfiguration {
  readonly root_module?: { readonly resources?: readonly { readonly address: string; readonly expressions?: { readonly bucket?: { readonly references?: readonly string[] } } }[] };
}

/** Managed resources the plan creates or changes, with their planned values. */
export function plannedResources(planJson: unknown): PlannedResource[] {
  const plan = planJson as { resource_changes?: readonly PlanResourceChange[]; configuration?: PlanConfiguration };
  const configured = new Map((plan.configuration?.root_module?.resources ?? []).map((resource) => [resource.address, resource.expressions?.bucket?.references ?? []]));
  return (plan.resource_changes ?? [])
    .filter((change) => change.mode === "managed" && change.change.after !== null)
    .map((change) => ({
      address: change.address,
      type: change.type,
      after: change.change.after ?? {},
      afterUnknown: change.change.after_unknown ?? {},
      bucketReferences: configured.get(change.address) ?? [],
    }));
}

interface PolicyStatement {
  readonly Effect: string;
  readonly Action?: string | string[];
  readonly Resource?: string | string[];
  readonly Sid?: string;
}

const list = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
/** A nested block's value: Terraform's plan JSON holds single blocks as one-element lists. */
export const first = <T>(value: unknown): T => (Array.isArray(value) ? value[0] : value) as T;

/** Every rule, by name, over the planned resources of one or more stacks. */
export const PLAN_RULES: Record<string, (resources: readonly PlannedResource[]) => string[]> = {
  "allowed IAM actions and resources are never wildcards": (resources) =>
    knownPolicies(resources).flatMap(({ address, statements }) =>
      statements
        .filter((statement) => statement.Effect === "Allow")
        .flatMap((statement) => [
          ...list(statement.Action).filter((action) => action.includes("*")).map((action) => `${address}: action ${action}`),
          ...list(statement.Resource).filter((resource) => resource === "*").map(() => `${address}: resource *`),
        ]),
    ),
  "S3 actions apply to the contract's key prefixes only, DynamoDB actions to one table": (resources) =>
    knownPolicies(resources).flatMap(({ address, statements }) =>
      statements.flatMap((statement) => {
        const actions = list(statement.Action);
        const targets = list(statement.Resource);
        const problems: string[] = [];
        if (actions.some((action) => action.startsWith("s3:")) && !targets.every((arn) => /^arn:aws[a-z-]*:s3:::[a-z0-9-]+\//.test(arn) && OBJECT_PREFIXES.some((prefix) => arn.endsWith(`/${prefix}*`)))) {
          problems.push(`${address}: S3 actions on ${targets.join(", ")}`);
        }
        if (actions.some((action) => action.startsWith("dynamodb:")) && !(targets.length === 1 && /^arn:aws[a-z-]*:dynamodb:/.test(targets[0] ?? ""))) {
          problems.push(`${address}: DynamoDB actions on ${targets.join(", ")}`);
        }
        return problems;
      }),
    ),
  "each function's data access is exactly its contract": (resources) =>
    FUNCTION_NAMES.flatMap((fn) => {
      const policy = knownPolicies(resources).find(({ address }) => address.includes(`.${fn}_data-access-policy_`));
      if (!policy) return [`${fn}: no data-access policy known at plan time`];
      const granted = policy.statements.flatMap((statement) => list(statement.Action)).sort();
      const expected = accessActions(FUNCTIONS[fn].access);
      return JSON.stringify(granted) === JSON.stringify(expected) ? [] : [`${fn}: grants ${granted.join(", ")}, contract says ${expected.join(", ")}`];
    }),
  "buckets block all public access": (resources) =>
    resources
      .filter((resource) => resource.type === "aws_s3_bucket_public_access_block")
      .filter(({ after }) => !["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"].every((key) => after[key] === true))
      .map(({ address }) => `${address}: not every public access block is on`),
  "data at rest is encrypted": (resources) =>
    resources.flatMap(({ address, type, after }) => {
      if (type === "aws_s3_bucket_server_side_encryption_configuration") {
        const algorithm = first<{ apply_server_side_encryption_by_default: unknown }>(after.rule)?.apply_server_side_encryption_by_default;
        return ["AES256", "aws:kms"].includes(first<{ sse_algorithm: string }>(algorithm)?.sse_algorithm) ? [] : [`${address}: no default encryption`];
      }
      if (type === "aws_dynamodb_table") {
        const sse = first<{ enabled: boolean }>(after.server_side_encryption)?.enabled === true;
        const pitr = first<{ enabled: boolean }>(after.point_in_time_recovery)?.enabled === true;
        return sse && pitr ? [] : [`${address}: encryption ${sse}, point-in-time recovery ${pitr}`];
      }
      if (type === "aws_sqs_queue") return after.sqs_managed_sse_enabled === true || after.kms_master_key_id ? [] : [`${address}: unencrypted queue`];
      return [];
    }),
  "every S3 bucket has encryption and a public access block": (resources) => {
    const covers = (type: string, bucket: PlannedResource) =>
      resources.some((resource) => resource.type === type && (resource.bucketReferences.includes(bucket.address) || resource.after.bucket === bucket.after.bucket));
    return resources
      .filter((resource) => resource.type === "aws_s3_bucket")
      .filter((bucket) => !covers("aws_s3_bucket_server_side_encryption_configuration", bucket) || !covers("aws_s3_bucket_public_access_block", bucket))
      .map(({ address }) => `${address} lacks default encryption or a public access block`);
  },
  "viewers reach CloudFront over HTTPS with TLS 1.2 as the minimum": (resources) =>
    resources
      .filter((resource) => resource.type === "aws_cloudfront_distribution")
      .flatMap(({ address, after }) => {
        const policy = first<{ viewer_protocol_policy: string }>(after.default_cache_behavior)?.viewer_protocol_policy;
        const tls = first<{ minimum_protocol_version: string }>(after.viewer_certificate)?.minimum_protocol_version;
        return ["https-only", "redirect-to-https"].includes(policy) && tls?.startsWith("TLSv1.2") ? [] : [`${address}: ${policy}, ${tls}`];
      }),
  "log groups expire": (resources) =>
    resources
      .filter((resource) => resource.type === "aws_cloudwatch_log_group")
      .filter(({ after }) => !(typeof after.retention_in_days === "number" && after.retention_in_days > 0))
      .map(({ address }) => `${address}: no retention`),
  "service invoke permissions name their source": (resources) =>
    resources
      .filter((resource) => resource.type === "aws_lambda_permission")
      .flatMap(({ address, after, afterUnknown }) => {
        const hasArn = Boolean(after.source_arn) || afterUnknown.source_arn === true;
        const needsAccount = after.principal === "s3.amazonaws.com";
        return hasArn && (!needsAccount || /^\d{12}$/.test(String(after.source_account))) ? [] : [`${address}: source_arn or source_account missing`];
      }),
  "S3 notifications filter on uploads/": (resources) =>
    resources
      .filter((resource) => resource.type === "aws_s3_bucket_notification")
      .flatMap(({ address, after }) =>
        ((after.lambda_function ?? []) as { filter_prefix?: string }[]).filter((target) => target.filter_prefix !== UPLOADS_PREFIX).map(() => `${address}: notification without the uploads/ filter`),
      ),
  "Lambda environments hold no secrets": (resources) =>
    resources
      .filter((resource) => resource.type === "aws_lambda_function")
      .flatMap(({ address, after }) =>
        Object.entries(first<{ variables?: Record<string, string> }>(after.environment)?.variables ?? {})
          .filter(([name, value]) => /SECRET|PASSWORD|TOKEN|CREDENTIAL|ACCESS_KEY/i.test(name) || /AKIA[0-9A-Z]{16}|-----BEGIN/.test(String(value)))
          .map(([name]) => `${address}: ${name}`),
      ),
};

/** Violations of every rule, prefixed with the rule's name. */
export function checkPlanPolicy(resources: readonly PlannedResource[]): string[] {
  return Object.entries(PLAN_RULES).flatMap(([rule, check]) => check(resources).map((violation) => `${rule}: ${violation}`));
}

function knownPolicies(resources: readonly PlannedResource[]): { address: string; statements: PolicyStatement[] }[] {
  return resources
    .filter((resource) => ["aws_iam_role_policy", "aws_s3_bucket_policy", "aws_iam_policy"].includes(resource.type) && typeof resource.after.policy === "string")
    .map(({ address, after }) => {
      const document = JSON.parse(after.policy as string) as { Statement: PolicyStatement | PolicyStatement[] };
      return { address, statements: Array.isArray(document.Statement) ? document.Statement : [document.Statement] };
    });
}
