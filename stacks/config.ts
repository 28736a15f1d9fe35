/**
 * The stages this app deploys. Adding a stage is one entry in STAGES; `resolveStage` fills the
 * defaults and checks every value before any resource is declared.
 */
import { FUNCTION_NAMES, LIMITS, type FunctionName } from "../functions/shared/contract";
import { StackConfigError } from "./errors";

/** Project name: prefixes resource names and tags every resource. */
export const PROJECT = "event-photos";

/** What a stage entry may set. */
export interface StageSettings {
  /** AWS region of every resource of the stage. */
  readonly region: string;
  /** Web origins allowed to call the API and PUT to the bucket. `"*"` only in non-production stages. */
  readonly allowedOrigins: readonly string[];
  /** Production stages get deletion protection and may not allow every origin. @default false */
  readonly production?: boolean;
  /** Largest accepted upload. @default LIMITS.defaultUploadLimitBytes (20 MiB) */
  readonly uploadLimitBytes?: number;
  /** Uploads one attendee may initiate per event. @default LIMITS.defaultUploadQuota (500) */
  readonly uploadQuota?: number;
  /**
   * Largest accepted image in pixels (width times height), checked before decoding. The processor's
   * memory (FUNCTIONS) is sized for the default: measure again before raising it. @default LIMITS.defaultPixelLimit (100 megapixels)
   */
  readonly pixelLimit?: number;
  /** Retention of every log group, in days (a value CloudWatch Logs accepts). @default 30 */
  readonly logRetentionDays?: number;
  /** Globally unique photos bucket name. @default `${PROJECT}-${stage}-photos-${region}` */
  readonly bucketName?: string;
  /** HTTP API default route throttling. @default { burstLimit: 50, rateLimit: 100 } */
  readonly throttling?: { readonly burstLimit: number; readonly rateLimit: number };
  /**
   * Reserved concurrent executions, per function. Reserving needs 100 unreserved executions left
   * in the account, which new accounts lack. @default none reserved
   */
  readonly reservedConcurrency?: Readonly<Partial<Record<FunctionName, number>>>;
  /**
   * The stage's alarms (processor failures, its errors and throttles, the API's 5xx rate) notify
   * the stage's SNS topic. @default { threshold: 0 } and no email subscription
   */
  readonly alarm?: {
    /** The failure-queue alarm fires when more messages than this wait in the queue. */
    readonly threshold: number;
    /** Address subscribed to the alarm topic (SNS mails a confirmation link first). @default none */
    readonly email?: string;
  };
  /**
   * Days a photo's previous or deleted versions stay in the versioned bucket: the window in which
   * an administrator can undo a deletion or an overwrite. @default 30
   */
  readonly noncurrentVersionExpiryDays?: number;
  /** X-Ray active tracing on every function. @default true in production stages, else false */
  readonly tracing?: boolean;
  /**
   * Anyone may create an account in the user pool. Off, users exist only when an administrator
   * creates or invites them, so organizers can register only those. @default true
   */
  readonly selfSignUp?: boolean;
  /** Multi-factor sign-in with an authenticator app (TOTP). @default "optional" (each user may turn it on) */
  readonly mfa?: MfaSetting;
  /** CloudFront standard access logs into a logs bucket, kept `logRetentionDays`. @default false */
  readonly accessLogs?: boolean;
  /** Globally unique name of the access-logs bucket. @default `${PROJECT}-${stage}-cdn-logs-${region}` */
  readonly accessLogsBucketName?: string;
  /**
   * An AWS WAF web ACL on the photos CDN with a per-IP rate-based rule. Costs about 6 USD a month
   * plus 0.60 USD per million requests. @default false
   */
  readonly waf?: boolean;
  /** Requests one IP may make in any 5 minutes before WAF blocks it (needs `waf: true`). @default 2000 */
  readonly wafRateLimit?: number;
  /** Where Terraform keeps the stage's state. @default local state files (no bucket) */
  readonly stateBackend?: {
    /** S3 bucket of the state; the environment variable TF_STATE_BUCKET overrides it. */
    readonly bucket?: string;
    /** Key prefix; each stack's state is `${keyPrefix}/${stackName}.tfstate`. @default PROJECT */
    readonly keyPrefix?: string;
    /** Region of the state bucket. @default the stage's region */
    readonly region?: string;
  };
}

export const MFA_SETTINGS = ["off", "optional", "required"] as const;
export type MfaSetting = (typeof MFA_SETTINGS)[number];

export const STAGES = {
  dev: {
    region: "eu-west-1",
    allowedOrigins: ["http://localhost:3000", "http://localhost:5173"],
    logRetentionDays: 14,
  },
  prod: {
    region: "eu-west-1",
    production: true,
    allowedOrigins: ["https://photos.example.com"],
    logRetentionDays: 365,
    throttling: { burstLimit: 200, rateLimit: 500 },
    reservedConcurrency: { "process-upload": 20 },
  },
} as const satisfies Record<string, StageSettings>;

export type StageName = keyof typeof STAGES;
export const STAGE_NAMES = Object.keys(STAGES) as StageName[];

/** A stage with every default resolved and every value checked. */
export interface StageConfig {
  readonly stage: string;
  readonly region: string;
  readonly allowedOrigins: readonly string[];
  readonly production: boolean;
  readonly uploadLimitBytes: number;
  readonly uploadQuota: number;
  readonly pixelLimit: number;
  readonly logRetentionDays: number;
  readonly bucketName: string;
  readonly throttling: { readonly burstLimit: number; readonly rateLimit: number };
  readonly reservedConcurrency: Readonly<Partial<Record<FunctionName, number>>>;
  readonly alarm: { readonly threshold: number; readonly email: string | undefined };
  readonly noncurrentVersionExpiryDays: number;
  readonly tracing: boolean;
  readonly selfSignUp: boolean;
  readonly mfa: MfaSetting;
  /** The access-logs bucket's name, or undefined when access logs are off. */
  readonly accessLogsBucketName: string | undefined;
  /** The WAF rate limit per IP and 5 minutes, or undefined when the stage has no WAF. */
  readonly wafRateLimit: number | undefined;
  readonly stateBackend: { readonly bucket: string | undefined; readonly keyPrefix: string; readonly region: string };
}

/** The retention values CloudWatch Logs accepts (PutRetentionPolicy). */
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

const STAGE_NAME_PATTERN = /^[a-z][a-z0-9-]{0,15}$/;
const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d$/;
// S3 bucket naming rules, minus the rarely wanted dots (they break virtual-hosted TLS).
const BUCKET_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
// Deliberately loose: SNS checks the address, this catches a wrong field (an ARN, a name).
const EMAIL_PATTERN = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
/** AWS WAF's bounds for a rate-based rule's limit (requests per 5 minutes). */
const WAF_RATE_LIMIT_RANGE = { min: 10, max: 2_000_000_000 } as const;

/** Resolves and checks one stage; `env` supplies TF_STATE_BUCKET (pass process.env). */
export function resolveStage(stage: string, env: Readonly<Record<string, string | undefined>> = {}): StageConfig {
  const settings: StageSettings | undefined = (STAGES as Record<string, StageSettings>)[stage];
  if (!settings) {
    throw new StackConfigError(`Stage \`${stage}\` is not defined; use one of ${STAGE_NAMES.join(", ")} or add an entry to STAGES in stacks/config.ts`);
  }
  return checkStage(stage, settings, env);
}

/** Fills the defaults of a stage entry and checks every field; exported for tests of the rules. */
export function checkStage(stage: string, settings: StageSettings, env: Readonly<Record<string, string | undefined>> = {}): StageConfig {
  const fail = (field: string, value: unknown, fix: string): never => {
    throw new StackConfigError(`\`${field}\` is ${JSON.stringify(value)} in stage \`${stage}\`; ${fix}`);
  };
  if (!STAGE_NAME_PATTERN.test(stage)) {
    fail("stage", stage, "use 1-16 lowercase letters, digits or dashes, starting with a letter");
  }

  const production = settings.production ?? false;
  const uploadLimitBytes = settings.uploadLimitBytes ?? LIMITS.defaultUploadLimitBytes;
  const uploadQuota = settings.uploadQuota ?? LIMITS.defaultUploadQuota;
  const pixelLimit = settings.pixelLimit ?? LIMITS.defaultPixelLimit;
  const logRetentionDays = settings.logRetentionDays ?? 30;
  const bucketName = settings.bucketName ?? `${PROJECT}-${stage}-photos-${settings.region}`;
  const throttling = settings.throttling ?? { burstLimit: 50, rateLimit: 100 };
  const alarm = { threshold: settings.alarm?.threshold ?? 0, email: settings.alarm?.email };
  const noncurrentVersionExpiryDays = settings.noncurrentVersionExpiryDays ?? 30;
  const tracing = settings.tracing ?? production;
  const selfSignUp = settings.selfSignUp ?? true;
  const mfa = settings.mfa ?? "optional";
  const accessLogsBucketName = settings.accessLogs ? (settings.accessLogsBucketName ?? `${PROJECT}-${stage}-cdn-logs-${settings.region}`) : undefined;
  const wafRateLimit = settings.waf ? (settings.wafRateLimit ?? 2000) : undefined;
  const stateBucket = nonEmpty(env.TF_STATE_BUCKET) ?? settings.stateBackend?.bucket;
  const stateBackend = {
    bucket: stateBucket,
    keyPrefix: settings.stateBackend?.keyPrefix ?? PROJECT,
    region: settings.stateBackend?.region ?? settings.region,
  };

  if (!REGION_PATTERN.test(settings.region)) fail("region", settings.region, "set an AWS region such as eu-west-1");
  if (settings.allowedOrigins.length === 0) fail("allowedOrigins", settings.allowedOrigins, "list at least one web origin");
  for (const origin of settings.allowedOrigins) {
    if (origin === "*") {
      if (production) fail("allowedOrigins", origin, "list the exact web origins of a production stage, never *");
    } else if (!isOrigin(origin)) {
      fail("allowedOrigins", origin, "write each origin as scheme://host[:port] without a path, e.g. https://photos.example.com");
    }
  }
  if (!Number.isSafeInteger(uploadLimitBytes) || uploadLimitBytes <= 0) {
    fail("uploadLimitBytes", uploadLimitBytes, "set a positive number of bytes");
  }
  if (!Number.isSafeInteger(uploadQuota) || uploadQuota <= 0) {
    fail("uploadQuota", uploadQuota, "set a positive number of uploads per attendee and event");
  }
  if (!Number.isSafeInteger(pixelLimit) || pixelLimit <= 0) {
    fail("pixelLimit", pixelLimit, "set a positive number of pixels (width times height), e.g. 100000000");
  }
  if (!LOG_RETENTION_DAYS.includes(logRetentionDays)) {
    fail("logRetentionDays", logRetentionDays, `use one of the values CloudWatch Logs accepts: ${LOG_RETENTION_DAYS.join(", ")}`);
  }
  // The stage's deploy role manages buckets by this prefix only (stacks/constructs/bootstrap-role-policies.ts).
  const bucketPrefix = `${PROJECT}-${stage}-`;
  const bucketNames: [string, string | undefined][] = [["bucketName", bucketName], ["accessLogsBucketName", accessLogsBucketName]];
  for (const [field, name] of bucketNames) {
    if (name === undefined) continue;
    if (!BUCKET_NAME_PATTERN.test(name)) fail(field, name, "use 3-63 lowercase letters, digits or dashes, starting and ending with a letter or digit");
    if (!name.startsWith(bucketPrefix)) fail(field, name, `start the name with \`${bucketPrefix}\`: the stage's deploy role may manage only buckets named so`);
  }
  if (settings.accessLogsBucketName !== undefined && !settings.accessLogs) {
    fail("accessLogsBucketName", settings.accessLogsBucketName, "set `accessLogs: true` to use it, or remove it");
  }
  for (const [field, value] of Object.entries(throttling)) {
    if (!Number.isSafeInteger(value) || value <= 0) fail(`throttling.${field}`, value, "set a positive whole number of requests");
  }
  const reservedConcurrency = settings.reservedConcurrency ?? {};
  for (const [name, reserved] of Object.entries(reservedConcurrency)) {
    if (!(FUNCTION_NAMES as readonly string[]).includes(name)) {
      fail(`reservedConcurrency.${name}`, reserved, `name one of the functions: ${FUNCTION_NAMES.join(", ")}`);
    }
    if (!Number.isSafeInteger(reserved) || reserved <= 0) {
      fail(`reservedConcurrency.${name}`, reserved, "set a positive number of executions or leave it out");
    }
  }
  if (!Number.isSafeInteger(alarm.threshold) || alarm.threshold < 0) {
    fail("alarm.threshold", alarm.threshold, "set a whole number of messages, 0 or more");
  }
  if (alarm.email !== undefined && !EMAIL_PATTERN.test(alarm.email)) {
    fail("alarm.email", alarm.email, "set the email address that alarms should reach, or leave it out");
  }
  if (!Number.isSafeInteger(noncurrentVersionExpiryDays) || noncurrentVersionExpiryDays <= 0) {
    fail("noncurrentVersionExpiryDays", noncurrentVersionExpiryDays, "set a positive whole number of days (the undo window after a deletion)");
  }
  if (!(MFA_SETTINGS as readonly string[]).includes(mfa)) fail("mfa", mfa, `use one of ${MFA_SETTINGS.join(", ")}`);
  if (settings.wafRateLimit !== undefined && !settings.waf) {
    fail("wafRateLimit", settings.wafRateLimit, "set `waf: true` to use it, or remove it");
  }
  if (wafRateLimit !== undefined && (!Number.isSafeInteger(wafRateLimit) || wafRateLimit < WAF_RATE_LIMIT_RANGE.min || wafRateLimit > WAF_RATE_LIMIT_RANGE.max)) {
    fail("wafRateLimit", wafRateLimit, `set a whole number of requests per IP and 5 minutes from ${WAF_RATE_LIMIT_RANGE.min} to ${WAF_RATE_LIMIT_RANGE.max}`);
  }
  if (stateBackend.bucket !== undefined && !BUCKET_NAME_PATTERN.test(stateBackend.bucket)) {
    fail("stateBackend.bucket (or TF_STATE_BUCKET)", stateBackend.bucket, "set the name of an existing S3 bucket");
  }
  if (!REGION_PATTERN.test(stateBackend.region)) fail("stateBackend.region", stateBackend.region, "set an AWS region such as eu-west-1");

  return {
    stage,
    region: settings.region,
    allowedOrigins: [...settings.allowedOrigins],
    production,
    uploadLimitBytes,
    uploadQuota,
    pixelLimit,
    logRetentionDays,
    bucketName,
    throttling,
    reservedConcurrency: { ...reservedConcurrency },
    alarm,
    noncurrentVersionExpiryDays,
    tracing,
    selfSignUp,
    mfa,
    accessLogsBucketName,
    wafRateLimit,
    stateBackend,
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.origin === value;
  } catch {
    return false;
  }
}
