/**
 * Security rules checked on what Terraform would create (a `terraform show -json` plan), the same
 * rules the stack tests check on the synthesized configuration. Each rule returns violations; a
 * rule's name starts with the checkov (CKV_*) and trivy (AVD-*) ids it stands for, where one exists.
 * Rules that depend on a stage setting take the stage.
 */
import { FUNCTIONS, FUNCTION_NAMES, UPLOADS_PREFIX, accessActions } from "../../functions/shared/contract";
import { PROJECT, type StageConfig } from "../../stacks/config";
import { boundaryPolicyName } from "../../stacks/names";

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

/** X-Ray's trace writes: IAM allows them only on `*` (they have no resource types). */
const STAR_ONLY_ACTIONS = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"];
/** A planned list with entries, or `true`: a list whose value comes from another resource (unknown until apply). */
const hasEntries = (value: unknown) => value === true || (Array.isArray(value) && value.length > 0);
const known = (resource: PlannedResource, key: string) => resource.after[key] !== undefined && resource.after[key] !== null;
const knownOrPending = (resource: PlannedResource, key: string) => known(resource, key) || resource.afterUnknown[key] === true;

/** Every rule, by name, over the planned resources of one stage's stacks. */
export const PLAN_RULES: Record<string, (resources: readonly PlannedResource[], stage: StageConfig) => string[]> = {
  "CKV_AWS_355 / AVD-AWS-0057: allowed IAM actions are never wildcards, and only X-Ray's trace writes apply to *": (resources) =>
    knownPolicies(resources).flatMap(({ address, statements }) =>
      statements
        .filter((statement) => statement.Effect === "Allow")
        .flatMap((statement) => [
          ...list(statement.Action).filter((action) => action.includes("*")).map((action) => `${address}: action ${action}`),
          ...list(statement.Resource)
            .filter((resource) => resource === "*" && !list(statement.Action).every((action) => STAR_ONLY_ACTIONS.includes(action)))
            .map(() => `${address}: resource *`),
        ]),
    ),
  "S3 actions apply to the contract's key prefixes only, DynamoDB actions to one table or index": (resources) =>
    knownPolicies(resources).flatMap(({ address, statements }) =>
      statements.flatMap((statement) => {
        const actions = list(statement.Action);
        const targets = list(statement.Resource);
        const problems: string[] = [];
        if (actions.some((action) => action.startsWith("s3:")) && !targets.every((arn) => /^arn:aws[a-z-]*:s3:::[a-z0-9-]+\//.test(arn) && OBJECT_PREFIXES.some((prefix) => arn.endsWith(`/${prefix}*`)))) {
          problems.push(`${address}: S3 actions on ${targets.join(", ")}`);
        }
        if (actions.some((action) => action.startsWith("dynamodb:")) && !(targets.length === 1 && /^arn:aws[a-z-]*:dynamodb:[^*]+$/.test(targets[0] ?? ""))) {
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
  "CKV2_AWS_6 / AVD-AWS-0086..0094: buckets block all public access": (resources) =>
    resources
      .filter((resource) => resource.type === "aws_s3_bucket_public_access_block")
      .filter(({ after }) => !["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"].every((key) => after[key] === true))
      .map(({ address }) => `${address}: not every public access block is on`),
  "CKV_AWS_27 / CKV_AWS_28 / AVD-AWS-0088 / AVD-AWS-0096: data at rest is encrypted, tables recover to a point in time": (resources) =>
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
  "CKV_AWS_34 / CKV_AWS_174 / AVD-AWS-0012 / AVD-AWS-0013: viewers reach CloudFront over HTTPS with TLS 1.2 as the minimum": (resources) =>
    resources
      .filter((resource) => resource.type === "aws_cloudfront_distribution")
      .flatMap(({ address, after }) => {
        const policy = first<{ viewer_protocol_policy: string }>(after.default_cache_behavior)?.viewer_protocol_policy;
        const tls = first<{ minimum_protocol_version: string }>(after.viewer_certificate)?.minimum_protocol_version;
        return ["https-only", "redirect-to-https"].includes(policy) && tls?.startsWith("TLSv1.2") ? [] : [`${address}: ${policy}, ${tls}`];
      }),
  "CKV_AWS_66: log groups expire": (resources) =>
    resources
      .filter((resource) => resource.type === "aws_cloudwatch_log_group")
      .filter(({ after }) => !(typeof after.retention_in_days === "number" && after.retention_in_days > 0))
      .map(({ address }) => `${address}: no retention`),
  "CKV_AWS_364 / AVD-AWS-0067: service invoke permissions name their source": (resources) =>
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
  "CKV_AWS_45: Lambda environments hold no secrets": (resources) =>
    resources
      .filter((resource) => resource.type === "aws_lambda_function")
      .flatMap(({ address, after }) =>
        Object.entries(first<{ variables?: Record<string, string> }>(after.environment)?.variables ?? {})
          .filter(([name, value]) => /SECRET|PASSWORD|TOKEN|CREDENTIAL|ACCESS_KEY/i.test(name) || /AKIA[0-9A-Z]{16}|-----BEGIN/.test(String(value)))
          .map(([name]) => `${address}: ${name}`),
      ),
  "CKV2_AWS_32: every distribution answers with a headers policy of HSTS (a year, subdomains), nosniff and a strict referrer policy": (resources) => {
    const policies = resources.filter((resource) => resource.type === "aws_cloudfront_response_headers_policy");
    const weak = policies.flatMap((policy) => {
      const headers = first<Record<string, unknown>>(policy.after.security_headers_config) ?? {};
      const hsts = first<{ access_control_max_age_sec?: number; include_subdomains?: boolean }>(headers.strict_transport_security);
      const referrer = first<{ referrer_policy?: string }>(headers.referrer_policy)?.referrer_policy ?? "";
      const strong = (hsts?.access_control_max_age_sec ?? 0) >= 31_536_000 && hsts?.include_subdomains === true && first(headers.content_type_options) !== undefined;
      return strong && ["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"].includes(referrer) ? [] : [`${policy.address}: weak security headers`];
    });
    const bare = resources
      .filter((resource) => resource.type === "aws_cloudfront_distribution")
      .filter((distribution) => {
        const behavior = first<Record<string, unknown>>(distribution.after.default_cache_behavior) ?? {};
        const pending = first<Record<string, unknown>>(distribution.afterUnknown.default_cache_behavior) ?? {};
        return !behavior.response_headers_policy_id && pending.response_headers_policy_id !== true;
      })
      .map(({ address }) => `${address}: no response headers policy`);
    return [...weak, ...bare, ...(policies.length === 0 ? ["no response headers policy at all"] : [])];
  },
  "CKV_AWS_21 / AVD-AWS-0090: the photos bucket is versioned, and old versions expire after the stage's undo window": (resources, stage) => {
    const photos = resources.find((resource) => resource.type === "aws_s3_bucket" && resource.after.bucket === stage.bucketName);
    if (!photos) return [];
    const ofPhotos = (type: string) => resources.filter((resource) => resource.type === type && resource.bucketReferences.includes(photos.address));
    const versioned = ofPhotos("aws_s3_bucket_versioning").some((resource) => first<{ status?: string }>(resource.after.versioning_configuration)?.status === "Enabled");
    const rules = ofPhotos("aws_s3_bucket_lifecycle_configuration").flatMap((resource) => (resource.after.rule ?? []) as Record<string, unknown>[]);
    const expiry = rules.map((rule) => first<{ noncurrent_days?: number }>(rule.noncurrent_version_expiration)?.noncurrent_days).find((days) => days !== undefined);
    return [
      ...(versioned ? [] : [`${photos.address}: not versioned`]),
      ...(expiry === stage.noncurrentVersionExpiryDays ? [] : [`${photos.address}: noncurrent versions expire after ${expiry} days, the stage says ${stage.noncurrentVersionExpiryDays}`]),
    ];
  },
  // The runtime policies name their log groups, unknown before apply: the stack tests check their trace writes.
  "CKV_AWS_50 / AVD-AWS-0066: functions trace actively with X-Ray where the stage asks (prod)": (resources, stage) => {
    const mode = stage.tracing ? "Active" : "PassThrough";
    return resources
      .filter((resource) => resource.type === "aws_lambda_function")
      .filter((fn) => first<{ mode?: string }>(fn.after.tracing_config)?.mode !== mode)
      .map(({ address }) => `${address}: tracing is not ${mode}`);
  },
  "CKV_AWS_86 / AVD-AWS-0010: CloudFront writes standard access logs where the stage asks": (resources, stage) =>
    resources
      .filter((resource) => resource.type === "aws_cloudfront_distribution")
      .filter((distribution) => {
        const logging = ((distribution.after.logging_config as unknown[] | undefined)?.length ?? 0) > 0;
        return logging !== (stage.accessLogsBucketName !== undefined);
      })
      .map(({ address }) => `${address}: access logs ${stage.accessLogsBucketName ? "missing" : "on, the stage has none"}`),
  "CKV_AWS_68 / AVD-AWS-0011: CloudFront sits behind a WAF rate limit where the stage asks": (resources, stage) =>
    resources
      .filter((resource) => resource.type === "aws_cloudfront_distribution")
      .filter((distribution) => {
        const attached = knownOrPending(distribution, "web_acl_id") && distribution.after.web_acl_id !== "";
        return attached !== (stage.wafRateLimit !== undefined);
      })
      .map(({ address }) => `${address}: WAF ${stage.wafRateLimit ? "missing" : "attached, the stage has none"}`),
  "every alarm notifies the stage's alarm topic, firing and recovering": (resources, stage) => {
    const topics = resources.filter((resource) => resource.type === "aws_sns_topic" && resource.after.name === `${PROJECT}-${stage.stage}-alarms`);
    const silent = resources
      .filter((resource) => resource.type === "aws_cloudwatch_metric_alarm")
      .filter((alarm) => ["alarm_actions", "ok_actions"].some((key) => !hasEntries(alarm.after[key]) && !hasEntries(alarm.afterUnknown[key])))
      .map(({ address }) => `${address}: notifies nobody`);
    return [...(topics.length === 1 ? [] : ["no alarm topic"]), ...silent];
  },
  "the processor alarms on its errors and throttles, the API on its 5xx rate": (resources) => {
    const alarms = resources.filter((resource) => resource.type === "aws_cloudwatch_metric_alarm");
    const metrics = new Set([
      ...alarms.map((alarm) => String(alarm.after.metric_name)),
      ...alarms.flatMap((alarm) => ((alarm.after.metric_query ?? []) as { metric?: unknown }[]).map((query) => String(first<{ metric_name?: string }>(query.metric)?.metric_name))),
    ]);
    return ["Errors", "Throttles", "5xx", "ApproximateNumberOfMessagesVisible"].filter((metric) => !metrics.has(metric)).map((metric) => `no alarm on ${metric}`);
  },
  "every function role carries the stage's permissions boundary": (resources, stage) =>
    resources
      .filter((resource) => resource.type === "aws_iam_role")
      .filter((role) => !String(role.after.permissions_boundary).endsWith(`:policy/${boundaryPolicyName(stage.stage)}`))
      .map((role) => `${role.address}: boundary ${String(role.after.permissions_boundary)}`),
  "user pools ask for 12+ character passwords, offer TOTP MFA as the stage says, and open sign-up as the stage says": (resources, stage) =>
    resources
      .filter((resource) => resource.type === "aws_cognito_user_pool")
      .flatMap((pool) => {
        const length = first<{ minimum_length?: number }>(pool.after.password_policy)?.minimum_length ?? 0;
        const mfa = { off: "OFF", optional: "OPTIONAL", required: "ON" }[stage.mfa];
        const totp = first<{ enabled?: boolean }>(pool.after.software_token_mfa_configuration)?.enabled === true;
        const adminOnly = first<{ allow_admin_create_user_only?: boolean }>(pool.after.admin_create_user_config)?.allow_admin_create_user_only;
        return [
          ...(length >= 12 ? [] : [`${pool.address}: passwords of ${length} characters`]),
          ...(pool.after.mfa_configuration === mfa && (stage.mfa === "off" || totp) ? [] : [`${pool.address}: MFA ${String(pool.after.mfa_configuration)}, the stage says ${mfa}`]),
          ...(adminOnly === !stage.selfSignUp ? [] : [`${pool.address}: self sign-up ${adminOnly ? "closed" : "open"}, the stage says ${stage.selfSignUp ? "open" : "closed"}`]),
        ];
      }),
};

/** Violations of every rule, prefixed with the rule's name. */
export function checkPlanPolicy(resources: readonly PlannedResource[], stage: StageConfig): string[] {
  return Object.entries(PLAN_RULES).flatMap(([rule, check]) => check(resources, stage).map((violation) => `${rule}: ${violation}`));
}

function knownPolicies(resources: readonly PlannedResource[]): { address: string; statements: PolicyStatement[] }[] {
  return resources
    .filter((resource) => ["aws_iam_role_policy", "aws_s3_bucket_policy", "aws_iam_policy"].includes(resource.type) && typeof resource.after.policy === "string")
    .map(({ address, after }) => {
      const document = JSON.parse(after.policy as string) as { Statement: PolicyStatement | PolicyStatement[] };
      return { address, statements: Array.isArray(document.Statement) ? document.Statement : [document.Statement] };
    });
}
