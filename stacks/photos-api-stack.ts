import type { Construct } from "constructs";
import { Fn, TerraformOutput, TerraformStack } from "cdktf";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import {
  ENV,
  FUNCTION_ACCESS,
  FUNCTION_NAMES,
  ROUTES,
  UPLOADS_PREFIX,
  type FunctionName,
} from "../functions/shared/contract";
import type { StageConfig } from "./config";
import { declareAwsProvider, namePrefix } from "./aws-provider";
import { declareBackend } from "./backend";
import { FunctionEnvironmentError } from "./errors";
import type { InfraExports } from "./infra-stack";
import { FailureQueue } from "./constructs/failure-queue";
import { PhotoFunction, type FunctionArtifact } from "./constructs/photo-function";
import { PhotosHttpApi } from "./constructs/photos-http-api";
import { UploadTrigger } from "./constructs/upload-trigger";

export interface PhotosApiStackProps {
  readonly stage: StageConfig;
  /** Values of the stage's infra stack (cross-stack references). */
  readonly infra: InfraExports;
  /** The built zip of every function, from dist/functions/manifest.json. */
  readonly artifacts: Readonly<Record<FunctionName, FunctionArtifact>>;
}

export function photosApiStackName(stage: StageConfig): string {
  return `photos-api-${stage.stage}`;
}

/** Per-function settings that differ from PhotoFunction's defaults. */
const FUNCTION_SIZING: Partial<Record<FunctionName, { memorySize: number; timeoutSeconds: number }>> = {
  // Reads the first bytes of each object and writes twice per record of a batch.
  "process-upload": { memorySize: 512, timeoutSeconds: 60 },
};

/** The stateless half of a stage: HTTP API, functions, the upload trigger and its failure queue. */
export class PhotosApiStack extends TerraformStack {
  constructor(scope: Construct, props: PhotosApiStackProps) {
    const { stage, infra, artifacts } = props;
    const name = photosApiStackName(stage);
    super(scope, name);
    declareAwsProvider(this, stage);
    declareBackend(this, name, stage.stateBackend);
    const prefix = namePrefix(stage);

    const partition = new DataAwsPartition(this, "partition").partition;
    const bucketArn = `arn:${partition}:s3:::${infra.bucketName}`;
    // The infra stack's account, read from an ARN it exports: an STS lookup here would make
    // offline plans impossible. arn:<partition>:dynamodb:<region>:<account>:table/<name>
    const infraAccountId = Fn.element(Fn.split(":", infra.tableArn), 4);

    const failures = new FailureQueue(this, "process-upload-failures", {
      queueName: `${prefix}-process-upload-failures`,
      alarmThreshold: stage.alarm.threshold,
      alarmTopicArn: stage.alarm.snsTopicArn,
    });

    const environmentValues: Record<keyof typeof ENV, string | undefined> = {
      tableName: infra.tableName,
      bucketName: infra.bucketName,
      photosBaseUrl: `https://${infra.photosDomainName}`,
      uploadLimitBytes: String(stage.uploadLimitBytes),
      // Emulator endpoints exist only in the local stack.
      s3Endpoint: undefined,
      dynamodbEndpoint: undefined,
    };

    const functions = {} as Record<FunctionName, PhotoFunction>;
    for (const fn of FUNCTION_NAMES) {
      const access = FUNCTION_ACCESS[fn];
      const isProcessor = fn === "process-upload";
      functions[fn] = new PhotoFunction(this, fn, {
        functionName: `${prefix}-${fn}`,
        artifact: artifacts[fn],
        environment: functionEnvironment(fn, access.env, environmentValues),
        dataAccess: {
          tableArn: infra.tableArn,
          dynamodbActions: access.dynamodb,
          objectsArn: `${bucketArn}/${UPLOADS_PREFIX}*`,
          s3Actions: access.s3,
        },
        logRetentionDays: stage.logRetentionDays,
        // Lambda sends on-failure records with the function's own role.
        runtimeStatements: isProcessor
          ? [{ sid: "SendFailedEvents", effect: "Allow", actions: ["sqs:SendMessage"], resources: [failures.queue.arn] }]
          : [],
        reservedConcurrency: isProcessor ? stage.processorReservedConcurrency : undefined,
        ...FUNCTION_SIZING[fn],
      });
    }

    new UploadTrigger(this, "upload-trigger", {
      processor: functions["process-upload"].function,
      bucketName: infra.bucketName,
      bucketArn,
      bucketAccountId: infraAccountId,
      onFailureDestinationArn: failures.queue.arn,
    });

    const http = new PhotosHttpApi(this, "http-api", {
      namePrefix: prefix,
      allowedOrigins: stage.allowedOrigins,
      jwtIssuer: `https://cognito-idp.${stage.region}.amazonaws.com/${infra.userPoolId}`,
      jwtAudience: [infra.userPoolClientId],
      routes: ROUTES.map((route) => ({ route, function: functions[route.handler].function })),
      logRetentionDays: stage.logRetentionDays,
      throttling: stage.throttling,
    });
    new TerraformOutput(this, "api-url", { value: http.api.apiEndpoint });
  }
}

/** The variables a function reads (FUNCTION_ACCESS), each with its value in AWS. */
function functionEnvironment(
  fn: FunctionName,
  keys: readonly (keyof typeof ENV)[],
  values: Readonly<Record<keyof typeof ENV, string | undefined>>,
): Record<string, string> {
  return Object.fromEntries(
    keys.map((key) => {
      const value = values[key];
      if (value === undefined) {
        throw new FunctionEnvironmentError(
          `Function \`${fn}\` reads ${ENV[key]}, which has no value in AWS; remove \`${key}\` from FUNCTION_ACCESS["${fn}"].env or give it a value in stacks/photos-api-stack.ts`,
        );
      }
      return [ENV[key], value];
    }),
  );
}
