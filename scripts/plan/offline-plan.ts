/**
 * What an offline plan adds to a copy of a synthesized stack: provider settings that need no AWS
 * account, a local backend, and the upstream stacks' outputs as a local state file, so a
 * downstream stack plans against values instead of failing to read remote state.
 */
import type { PlanJson } from "./plan-summary";

/** Account id of every placeholder ARN: no real account has it. */
export const PLACEHOLDER_ACCOUNT_ID = "000000000000";
export const PLACEHOLDER = "offline-placeholder";

/** The parts of a synthesized cdk.tf.json the offline plan reads. */
export interface SynthesizedStack {
  readonly provider?: { readonly aws?: readonly { readonly alias?: string }[] };
  readonly output?: Readonly<Record<string, { readonly value: unknown }>>;
  readonly data?: { readonly terraform_remote_state?: Readonly<Record<string, unknown>> };
}

/** Planned output values, with the parts the offline plan reads. */
export interface PlanWithOutputs extends PlanJson {
  readonly planned_values?: { readonly outputs?: Readonly<Record<string, { readonly value?: unknown }>> };
}

/**
 * Override file (JSON) for a stack copy: dummy credentials and the provider's skip flags for each
 * of its AWS providers (Terraform merges override blocks by provider alias), so no call reaches
 * AWS at plan time, and local state in the copy, so no real state is touched.
 */
export function offlineOverride(stateFile: string, remoteStates: Readonly<Record<string, string>>, providerAliases: readonly string[] = []): Record<string, unknown> {
  const offline = {
    access_key: "offline-plan",
    secret_key: "offline-plan",
    skip_credentials_validation: true,
    skip_requesting_account_id: true,
    skip_metadata_api_check: true,
    skip_region_validation: true,
  };
  const override: Record<string, unknown> = {
    provider: { aws: [offline, ...providerAliases.map((alias) => ({ alias, ...offline }))] },
    terraform: { backend: { local: { path: stateFile } } },
  };
  if (Object.keys(remoteStates).length > 0) {
    override.data = {
      terraform_remote_state: Object.fromEntries(
        Object.entries(remoteStates).map(([name, path]) => [name, { backend: "local", config: { path } }]),
      ),
    };
  }
  return override;
}

/** cdktf names a cross-stack remote state after the upstream stack. */
export function upstreamOfRemoteState(name: string): string | undefined {
  return /^cross-stack-reference-input-(.+)$/.exec(name)?.[1];
}

/**
 * A state file (format 4) holding only outputs: each output's planned value where the upstream
 * plan knows it, otherwise a placeholder shaped like the attribute it stands for.
 */
export function outputsState(upstream: SynthesizedStack, plan: PlanWithOutputs, region: string): Record<string, unknown> {
  const planned = plan.planned_values?.outputs ?? {};
  const outputs = Object.fromEntries(
    Object.entries(upstream.output ?? {}).map(([name, output]) => {
      const known = planned[name]?.value;
      const value = known ?? placeholderFor(output.value, region);
      return [name, { value, type: typeof value === "number" ? "number" : typeof value === "boolean" ? "bool" : "string", sensitive: true }];
    }),
  );
  return { version: 4, terraform_version: "1.10.0", serial: 1, lineage: PLACEHOLDER, outputs, resources: [] };
}

/** A value shaped like `${aws_<service>_<kind>.<name>.<attribute>}` for an output not known before apply. */
export function placeholderFor(expression: unknown, region: string): string {
  const match = typeof expression === "string" ? /^\$\{(aws_([a-z0-9]+)_[a-z0-9_]+)\.[^.]+\.([a-z0-9_]+)\}$/.exec(expression) : null;
  if (!match) return PLACEHOLDER;
  const [, type, service, attribute] = match as unknown as [string, string, string, string];
  if (attribute === "arn") return `arn:aws:${service}:${region}:${PLACEHOLDER_ACCOUNT_ID}:${type}/${PLACEHOLDER}`;
  if (attribute.endsWith("domain_name")) return `${PLACEHOLDER}.${service}.invalid`;
  return `${PLACEHOLDER}-${type}-${attribute}`.replaceAll("_", "-");
}

/** The aliases of a synthesized stack's additional AWS providers. */
export function providerAliases(stack: SynthesizedStack): string[] {
  return (stack.provider?.aws ?? []).flatMap((provider) => (provider.alias ? [provider.alias] : []));
}
