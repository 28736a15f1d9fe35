import { resolve } from "node:path";
import { Construct } from "constructs";
import { AssetType, TerraformAsset } from "cdktf";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsIamPolicyDocument, type DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { BUNDLE } from "../../functions/shared/contract";
import type { FunctionArtifact } from "../../packaging/manifest";

export interface PhotoFunctionProps {
  readonly functionName: string;
  /** What the function does, shown in the Lambda console. */
  readonly description: string;
  /** The built zip, from the build manifest. */
  readonly artifact: FunctionArtifact;
  /** The directory the artifact's `file` is relative to (the repository root). */
  readonly artifactRoot: string;
  readonly environment: Readonly<Record<string, string>>;
  /** The `data-access` policy: exact actions on the stage's data. @default no such policy */
  readonly dataStatements?: readonly DataAwsIamPolicyDocumentStatement[];
  readonly logRetentionDays: number;
  /** Further statements of the runtime policy (e.g. sending to an on-failure destination). @default none */
  readonly runtimeStatements?: readonly DataAwsIamPolicyDocumentStatement[];
  /** @default 256 */
  readonly memorySize?: number;
  /** @default 10 */
  readonly timeoutSeconds?: number;
  /** Reserved concurrent executions. @default unreserved */
  readonly reservedConcurrency?: number;
  /** ARN of the policy that caps the role (the stage's boundary, created by the bootstrap stack). */
  readonly permissionsBoundaryArn: string;
  /** X-Ray active tracing, with the trace writes it needs in the runtime policy. @default false */
  readonly tracing?: boolean;
}

/**
 * One Lambda function (Node.js 22, arm64) with its own role, its own log group with retention,
 * and two inline policies: `runtime` (its log group, its traces, plus any destination) and
 * `data-access` (exact actions on the stage's data, see stacks/function-access.ts), under the
 * stage's permissions boundary.
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
    const tracing = props.tracing ?? false;

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
    // The stage's deploy role may create the role only with this boundary (bootstrap-role-policies.ts).
    this.role = new IamRole(this, "role", {
      name: `${props.functionName}-role`,
      assumeRolePolicy: assumeRole.json,
      permissionsBoundary: props.permissionsBoundaryArn,
    });

    const runtime = new DataAwsIamPolicyDocument(this, "runtime-policy-document", {
      statement: [
        {
          sid: "WriteOwnLogs",
          effect: "Allow",
          actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
          resources: [`${this.logGroup.arn}:*`],
        },
        // X-Ray has no resource-level permissions: these two actions exist only on `*`.
        ...(tracing ? [{ sid: "WriteTraces", effect: "Allow", actions: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], resources: ["*"] }] : []),
        ...runtimeStatements,
      ],
    });
    const runtimePolicy = new IamRolePolicy(this, "runtime-policy", { name: "runtime", role: this.role.id, policy: runtime.json });

    const dataStatements = props.dataStatements ?? [];
    const dataPolicy =
      dataStatements.length > 0
        ? new IamRolePolicy(this, "data-access-policy", {
            name: "data-access",
            role: this.role.id,
            policy: new DataAwsIamPolicyDocument(this, "data-access-policy-document", { statement: [...dataStatements] }).json,
          })
        : undefined;

    const code = new TerraformAsset(this, "code", {
      path: resolve(props.artifactRoot, props.artifact.file),
      type: AssetType.FILE,
      assetHash: props.artifact.sha256,
    });
    this.function = new LambdaFunction(this, "function", {
      functionName: props.functionName,
      description: props.description,
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
      tracingConfig: { mode: tracing ? "Active" : "PassThrough" },
      // The first invocation must find its log group and its permissions in place.
      dependsOn: [this.logGroup, runtimePolicy, ...(dataPolicy ? [dataPolicy] : [])],
    });
  }
}
