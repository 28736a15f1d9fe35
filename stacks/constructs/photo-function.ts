import { Construct } from "constructs";
import { AssetType, TerraformAsset } from "cdktf";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { BUNDLE } from "../../functions/shared/contract";

/** A built function zip: where it is and the hashes of its bytes. */
export interface FunctionArtifact {
  /** Absolute path of the zip (copied into the stack's assets at synth). */
  readonly path: string;
  /** Hex SHA-256 of the zip: names the asset folder, so the same bytes keep the same path. */
  readonly sha256: string;
  /** Base64 SHA-256 of the zip: Lambda's `source_code_hash`. */
  readonly base64Sha256: string;
}

/** The exact data-plane access of a function: actions on the table and on the uploads objects. */
export interface FunctionDataAccess {
  readonly tableArn: string;
  readonly dynamodbActions: readonly string[];
  /** ARN pattern of the objects the S3 actions apply to, e.g. `arn:aws:s3:::bucket/uploads/*`. */
  readonly objectsArn: string;
  readonly s3Actions: readonly string[];
}

export interface PhotoFunctionProps {
  readonly functionName: string;
  readonly artifact: FunctionArtifact;
  readonly environment: Readonly<Record<string, string>>;
  readonly dataAccess: FunctionDataAccess;
  readonly logRetentionDays: number;
  /** Further statements of the runtime policy (e.g. sending to an on-failure destination). @default none */
  readonly runtimeStatements?: readonly DataAwsIamPolicyDocumentStatement[];
  /** @default 256 */
  readonly memorySize?: number;
  /** @default 10 */
  readonly timeoutSeconds?: number;
  /** Reserved concurrent executions. @default unreserved */
  readonly reservedConcurrency?: number;
}

/**
 * One Lambda function (Node.js 22, arm64) with its own role, its own log group with retention,
 * and two inline policies: `runtime` (its log group, plus any destination) and `data-access`
 * (exact actions on the table and the uploads objects).
 */
export class PhotoFunction extends Construct {
  readonly function: LambdaFunction;
  readonly role: IamRole;
  readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: PhotoFunctionProps) {
    super(scope, id);
    const memorySize = props.memorySize ?? 256;
    const timeoutSeconds = props.timeoutSeconds ?? 10;
    const runtimeStatements = props.runtimeStatements ?? [];

    // Created before the function: Lambda would otherwise create it on first run, without retention.
    this.logGroup = new CloudwatchLogGroup(this, "log-group", {
      name: `/aws/lambda/${props.functionName}`,
      retentionInDays: props.logRetentionDays,
    });

    const assumeRole = new DataAwsIamPolicyDocument(this, "assume-role", {
      statement: [
        { effect: "Allow", actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["lambda.amazonaws.com"] }] },
      ],
    });
    this.role = new IamRole(this, "role", { name: `${props.functionName}-role`, assumeRolePolicy: assumeRole.json });

    const runtime = new DataAwsIamPolicyDocument(this, "runtime-policy-document", {
      statement: [
        {
          sid: "WriteOwnLogs",
          effect: "Allow",
          actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
          resources: [`${this.logGroup.arn}:*`],
        },
        ...runtimeStatements,
      ],
    });
    const runtimePolicy = new IamRolePolicy(this, "runtime-policy", { name: "runtime", role: this.role.id, policy: runtime.json });

    const dataStatements = dataAccessStatements(props.dataAccess);
    const dataPolicy =
      dataStatements.length > 0
        ? new IamRolePolicy(this, "data-access-policy", {
            name: "data-access",
            role: this.role.id,
            policy: new DataAwsIamPolicyDocument(this, "data-access-policy-document", { statement: dataStatements }).json,
          })
        : undefined;

    const code = new TerraformAsset(this, "code", {
      path: props.artifact.path,
      type: AssetType.FILE,
      assetHash: props.artifact.sha256,
    });
    this.function = new LambdaFunction(this, "function", {
      functionName: props.functionName,
      role: this.role.arn,
      runtime: "nodejs22.x",
      architectures: ["arm64"],
      handler: BUNDLE.lambdaHandler,
      filename: code.path,
      sourceCodeHash: props.artifact.base64Sha256,
      memorySize,
      timeout: timeoutSeconds,
      reservedConcurrentExecutions: props.reservedConcurrency,
      environment: { variables: { ...props.environment } },
      // The first invocation must find its log group and its permissions in place.
      dependsOn: [this.logGroup, runtimePolicy, ...(dataPolicy ? [dataPolicy] : [])],
    });
  }
}

/** One statement per service, and none for a service the function does not call. */
function dataAccessStatements(access: FunctionDataAccess): DataAwsIamPolicyDocumentStatement[] {
  const statements: DataAwsIamPolicyDocumentStatement[] = [];
  if (access.dynamodbActions.length > 0) {
    statements.push({ sid: "Table", effect: "Allow", actions: [...access.dynamodbActions], resources: [access.tableArn] });
  }
  if (access.s3Actions.length > 0) {
    statements.push({ sid: "UploadObjects", effect: "Allow", actions: [...access.s3Actions], resources: [access.objectsArn] });
  }
  return statements;
}
