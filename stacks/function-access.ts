/**
 * A function's contract access (FUNCTIONS[name].access) as IAM statements on this stage's
 * resources: exact actions, exact resources, key prefixes for S3, index ARNs for the table's
 * indexes. One statement per resource, and none for a kind the function does not touch.
 */
import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import type { FunctionAccess } from "../functions/shared/contract";

/** The stage's resources that contract access refers to. */
export interface AccessTargets {
  readonly tableArn: string;
  readonly bucketArn: string;
  readonly userPoolArn: string;
  /** The photos CloudFront distribution. */
  readonly distributionArn: string;
}

/** `uploads/` gives `ObjectsUnderUploads`: statement ids must be alphanumeric. */
export function objectsStatementSid(prefix: string): string {
  return `ObjectsUnder${pascalCase(prefix)}`;
}

/** Index `user-events` gives `TableIndexUserEvents`. */
export function indexStatementSid(indexName: string): string {
  return `TableIndex${pascalCase(indexName)}`;
}

function pascalCase(text: string): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join("");
}

export function accessStatements(access: FunctionAccess, targets: AccessTargets): DataAwsIamPolicyDocumentStatement[] {
  const statements: DataAwsIamPolicyDocumentStatement[] = [];
  const allow = (sid: string, actions: readonly string[] | undefined, resource: string) => {
    if (actions?.length) statements.push({ sid, effect: "Allow", actions: [...actions], resources: [resource] });
  };
  allow("Table", access.table, targets.tableArn);
  for (const [name, actions] of Object.entries(access.tableIndexes ?? {})) allow(indexStatementSid(name), actions, `${targets.tableArn}/index/${name}`);
  for (const [prefix, actions] of Object.entries(access.objects ?? {})) allow(objectsStatementSid(prefix), actions, `${targets.bucketArn}/${prefix}*`);
  allow("UserPool", access.userPool, targets.userPoolArn);
  allow("Cdn", access.cdn, targets.distributionArn);
  return statements;
}
