/**
 * A function's contract access (FUNCTIONS[name].access) as IAM statements on this stage's
 * resources: exact actions, exact resources, key prefixes for S3. One statement per resource kind,
 * and none for a kind the function does not touch.
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

/** `user-events` gives `UserEvents`. */
function pascalCase(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");
}

export function accessStatements(access: FunctionAccess, targets: AccessTargets): DataAwsIamPolicyDocumentStatement[] {
  const statements: DataAwsIamPolicyDocumentStatement[] = [];
  if (access.table?.length) {
    statements.push({ sid: "Table", effect: "Allow", actions: [...access.table], resources: [targets.tableArn] });
  }
  for (const [index, actions] of Object.entries(access.tableIndexes ?? {})) {
    if (actions.length === 0) continue;
    statements.push({ sid: `Index${pascalCase(index)}`, effect: "Allow", actions: [...actions], resources: [`${targets.tableArn}/index/${index}`] });
  }
  for (const [prefix, actions] of Object.entries(access.objects ?? {})) {
    if (actions.length === 0) continue;
    statements.push({ sid: objectsStatementSid(prefix), effect: "Allow", actions: [...actions], resources: [`${targets.bucketArn}/${prefix}*`] });
  }
  if (access.userPool?.length) {
    statements.push({ sid: "UserPool", effect: "Allow", actions: [...access.userPool], resources: [targets.userPoolArn] });
  }
  if (access.cdn?.length) {
    statements.push({ sid: "PhotosDistribution", effect: "Allow", actions: [...access.cdn], resources: [targets.distributionArn] });
  }
  return statements;
}
