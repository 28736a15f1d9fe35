/**
 * Policies for the fault proxy (fault-proxy.ts): the faults S3 and DynamoDB really answer with
 * when they fail or shed load, and a policy that fails a share of requests with them and delays
 * every request by a fixed latency per service.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html
 */
import { LocalStackError } from "./errors";
import type { ProxiedService, RequestFate, RequestPolicy } from "./fault-proxy";

export type Fault = Exclude<RequestFate, { readonly kind: "forward" }>;

const RESETS: readonly Fault[] = [
  { kind: "reset", when: "before-upstream" },
  { kind: "reset", when: "after-upstream" },
];

/** Each service's transient faults: its error answers that the SDK retries, and connection resets either side of the service. */
export const SERVICE_FAULTS: Readonly<Record<ProxiedService, readonly Fault[]>> = {
  s3: [
    { kind: "error", error: { status: 500, code: "InternalError", message: "We encountered an internal error. Please try again." } },
    { kind: "error", error: { status: 503, code: "SlowDown", message: "Please reduce your request rate." } },
    ...RESETS,
  ],
  dynamodb: [
    { kind: "error", error: { status: 400, code: "ThrottlingException", message: "Rate of requests exceeds the allowed throughput." } },
    {
      kind: "error",
      error: {
        status: 400,
        code: "ProvisionedThroughputExceededException",
        message: "You exceeded your maximum allowed provisioned throughput for a table or for one or more global secondary indexes.",
      },
    },
    { kind: "error", error: { status: 500, code: "InternalServerError", message: "Internal server error" } },
    ...RESETS,
  ],
};

export interface NetworkConditions {
  /** Share of requests, from 0 to 1, that fail, each with one of its service's SERVICE_FAULTS picked evenly. @default 0 */
  readonly faultShare?: number;
  /** Milliseconds every request to a service waits first, failed or not. @default 0 */
  readonly delayMs?: Partial<Readonly<Record<ProxiedService, number>>>;
  /** Uniform in [0, 1). @default Math.random */
  readonly random?: () => number;
}

export function networkPolicy(conditions: NetworkConditions): RequestPolicy {
  const faultShare = conditions.faultShare ?? 0;
  const random = conditions.random ?? Math.random;
  if (!(faultShare >= 0 && faultShare <= 1)) {
    throw new LocalStackError(`\`faultShare\` is ${faultShare}; set the share of failed requests between 0 and 1 (0.1 fails one in ten)`);
  }
  for (const [service, ms] of Object.entries(conditions.delayMs ?? {})) {
    if (!(ms >= 0)) throw new LocalStackError(`\`delayMs.${service}\` is ${ms}; set a delay of 0 or more milliseconds`);
  }
  return ({ service }) => {
    const delayMs = conditions.delayMs?.[service] ?? 0;
    if (faultShare === 0 || random() >= faultShare) return { kind: "forward", delayMs };
    const faults = SERVICE_FAULTS[service];
    const fault = faults[Math.min(faults.length - 1, Math.floor(random() * faults.length))] as Fault;
    return { ...fault, delayMs };
  };
}
