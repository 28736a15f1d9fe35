/**
 * Turns `terraform show -json` plans into Markdown for pull-request comments: per stack, every
 * resource that changes with its action; per stage, the counts of every stack and their totals.
 */

/** The parts of Terraform's JSON plan format (format_version 1.x) the summaries read. */
export interface PlanJson {
  readonly format_version: string;
  readonly resource_changes?: readonly ResourceChange[];
}

export interface ResourceChange {
  readonly address: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly change: { readonly actions: readonly string[] };
}

export const CHANGE_KINDS = ["create", "update", "replace", "delete"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export type ChangeCounts = Record<ChangeKind, number>;

export interface StackChanges {
  readonly stack: string;
  readonly changes: readonly { readonly address: string; readonly kind: ChangeKind }[];
  readonly counts: ChangeCounts;
}

/** What Terraform's action list means for a reviewer; no-op and read are not changes. */
export function changeKind(actions: readonly string[]): ChangeKind | undefined {
  const key = actions.join(",");
  switch (key) {
    case "create":
    case "update":
    case "delete":
      return key;
    case "delete,create":
    case "create,delete":
      return "replace";
    default:
      return undefined;
  }
}

export function stackChanges(stack: string, plan: PlanJson): StackChanges {
  const changes = (plan.resource_changes ?? [])
    .filter((resource) => resource.mode === "managed")
    .flatMap((resource) => {
      const kind = changeKind(resource.change.actions);
      return kind ? [{ address: resource.address, kind }] : [];
    })
    .sort((a, b) => CHANGE_KINDS.indexOf(a.kind) - CHANGE_KINDS.indexOf(b.kind) || a.address.localeCompare(b.address));
  return { stack, changes, counts: countKinds(changes.map((change) => change.kind)) };
}

/** One stack's Markdown: the counts line, then a table of every changed resource. */
export function renderStackSummary(changes: StackChanges): string {
  const lines = [`### \`${changes.stack}\``, "", `**Plan:** ${countsSentence(changes.counts)}.`];
  if (changes.changes.length === 0) return [...lines, "", "No changes.", ""].join("\n");
  lines.push("", "| Action | Resource |", "| --- | --- |");
  for (const change of changes.changes) lines.push(`| ${change.kind} | \`${change.address}\` |`);
  return [...lines, ""].join("\n");
}

/** A stage's Markdown: one row per stack in deployment order and the totals. */
export function renderStageSummary(stage: string, stacks: readonly StackChanges[]): string {
  const header = ["Stack", ...CHANGE_KINDS.map(capitalize)];
  const rows = stacks.map((stack) => [`\`${stack.stack}\``, ...CHANGE_KINDS.map((kind) => String(stack.counts[kind]))]);
  const totals = sumCounts(stacks.map((stack) => stack.counts));
  rows.push(["**Total**", ...CHANGE_KINDS.map((kind) => `**${totals[kind]}**`)]);
  return [
    `## Terraform plan: stage \`${stage}\``,
    "",
    `**Total:** ${countsSentence(totals)}.`,
    "",
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.join(" | ")} |`),
    "",
    ...stacks.map(renderStackSummary),
  ].join("\n");
}

function countsSentence(counts: ChangeCounts): string {
  return CHANGE_KINDS.map((kind) => `${counts[kind]} to ${kind}`).join(", ");
}

function countKinds(kinds: readonly ChangeKind[]): ChangeCounts {
  const counts: ChangeCounts = { create: 0, update: 0, replace: 0, delete: 0 };
  for (const kind of kinds) counts[kind] += 1;
  return counts;
}

function sumCounts(all: readonly ChangeCounts[]): ChangeCounts {
  const total: ChangeCounts = { create: 0, update: 0, replace: 0, delete: 0 };
  for (const counts of all) for (const kind of CHANGE_KINDS) total[kind] += counts[kind];
  return total;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
