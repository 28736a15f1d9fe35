import type { Construct } from "constructs";
import { Fn, TerraformOutput, TerraformStack } from "cdktf";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { ENV, FUNCTIONS, FUNCTION_NAMES, ROUTES, functionEnvKeys, routeHandler, type EnvKey, type FunctionName, type RouteId } from "../functions/shared/contract";
import type { FunctionManifest } from "../packaging/manifest";
import type { StageConfig } from "./config";
import { declareAwsProvider, namePrefix } from "./aws-provider";
import { declareBackend } from "./backend";
import { accessStatements } from "./function-access";
import type { InfraExports } from "./infra-stack";
import { STAGE_OUTPUTS, boundaryPolicyName, failureQueueName, stageFunctionName, stageStackNames } from "./names";
import { FailureQueue } from "./constructs/failure-queue";
import { AlarmTopic, ApiErrorRateAlarm, FunctionAlarms } from "./constructs/stage-alarms";
import { PhotoFunction } from "./constructs/photo-function";
import { PhotosHttpApi } from "./constructs/photos-http-api";
import { UploadTrigger } from "./constructs/upload-trigger";

export interface PhotosApiStackProps {
  readonly stage: StageConfig;
  /** Values of the stage's infra stack (cross-stack references). */
  readonly infra: InfraExports;
  /** The built zip of every function, from dist/functions/manifest.json. */
  readonly artifacts: FunctionManifest<FunctionName>;
  /** The directory the artifacts' paths are relative to (the repository root). */
  readonly artifactRoot: string;
}

/**
 * The stateless half of a stage, declared from the contract's FUNCTIONS: one function per entry
 * with its role, log group and size, the HTTP API for the `http` triggers, and the upload trigger
 * with its failure queue for the `objectCreated` ones; alarms on the failures, on the processor's
 * errors and throttles and on the API's 5xx rate notify the stage's topic.
 */
export class PhotosApiStack extends TerraformStack {
  /** The HTTP API's base URL (the web stack writes it into config.json and the CSP). */
  readonly apiUrl: string;

  constructor(scope: Construct, props: PhotosApiStackProps) {
    const { stage, infra } = props;
    const name = stageStackNames(stage.stage).api;
    super(scope, name);
    declareAwsProvider(this, stage);
    declareBackend(this, name, stage);
    const prefix = namePrefix(stage);

    const partition = new DataAwsPartition(this, "partition").partition;
    const bucketArn = `arn:${partition}:s3:::${infra.bucketName}`;
    // The infra stack's account, read from an ARN it exports: an STS lookup here would make
    // offline plans impossible. arn:<partition>:dynamodb:<region>:<account>:table/<name>
    const infraAccountId = Fn.element(Fn.split(":", infra.tableArn), 4);
    const permissionsBoundaryArn = `arn:${partition}:iam::${infraAccountId}:policy/${boundaryPolicyName(stage.stage)}`;
    const alarms = new AlarmTopic(this, "alarms", { namePrefix: prefix, email: stage.alarm.email });
    const accessTargets = { tableArn: infra.tableArn, bucketArn, userPoolArn: infra.userPoolArn, distributionArn: infra.photosDistributionArn };

    // Each environment variable's value in AWS for function `fn`; the local stack's handler host gives the local ones.
    const environmentValues = (fn: FunctionName): Record<EnvKey, string> => ({
      serviceName: fn,
      metricsNamespace: prefix,
      // The Tracer runs exactly where the function has X-Ray active tracing (a stage setting).
      tracing: String(stage.tracing),
      tableName: infra.tableName,
      bucketName: infra.bucketName,
      photosBaseUrl: `https://${infra.photosDomainName}`,
      uploadLimitBytes: String(stage.uploadLimitBytes),
      uploadQuota: String(stage.uploadQuota),
      userPoolId: infra.userPoolId,
      photosDistributionId: infra.photosDistributionId,
      pixelLimit: String(stage.pixelLimit),
    });

    const functions = {} as Record<FunctionName, PhotoFunction>;
    for (const fn of FUNCTION_NAMES) {
      const spec = FUNCTIONS[fn];
      const values = environmentValues(fn);
      const objectCreated = "objectCreated" in spec.trigger ? spec.trigger.objectCreated : undefined;
      const failures = objectCreated
        ? new FailureQueue(this, `${fn}-failures`, {
            queueName: failureQueueName(stage.stage, fn),
            alarmThreshold: stage.alarm.threshold,
            alarmTopicArn: alarms.topic.arn,
          })
        : undefined;
      functions[fn] = new PhotoFunction(this, fn, {
        functionName: stageFunctionName(stage.stage, fn),
        description: spec.description,
        artifact: props.artifacts[fn],
        artifactRoot: props.artifactRoot,
        environment: Object.fromEntries(functionEnvKeys(fn).map((key) => [ENV[key].variable, values[key]])),
        dataStatements: accessStatements(spec.access, accessTargets),
        logRetentionDays: stage.logRetentionDays,
        // Lambda sends on-failure records with the function's own role.
        runtimeStatements: failures
          ? [{ sid: "SendFailedEvents", effect: "Allow", actions: ["sqs:SendMessage"], resources: [failures.queue.arn] }]
          : [],
        reservedConcurrency: stage.reservedConcurrency[fn],
        memorySize: spec.memoryMb,
        timeoutSeconds: spec.timeoutSeconds,
        permissionsBoundaryArn,
        tracing: stage.tracing,
      });
      if (objectCreated && failures) {
        new FunctionAlarms(this, `${fn}-alarms`, { name: stageFunctionName(stage.stage, fn), functionName: functions[fn].function.functionName, topicArn: alarms.topic.arn });
        new UploadTrigger(this, "upload-trigger", {
          processor: functions[fn].function,
          bucketName: infra.bucketName,
          bucketArn,
          bucketAccountId: infraAccountId,
          filterPrefix: objectCreated.prefix,
          onFailureDestinationArn: failures.queue.arn,
        });
      }
    }

    const http = new PhotosHttpApi(this, "http-api", {
      namePrefix: prefix,
      allowedOrigins: [...stage.allowedOrigins, infra.webOrigin],
      jwtIssuer: `https://cognito-idp.${stage.region}.amazonaws.com/${infra.userPoolId}`,
      jwtAudience: [infra.userPoolClientId],
      routes: (Object.keys(ROUTES) as RouteId[]).map((id) => ({ id, route: ROUTES[id], function: functions[routeHandler(id)].function })),
      logRetentionDays: stage.logRetentionDays,
      throttling: stage.throttling,
    });
    new ApiErrorRateAlarm(this, "http-api-5xx", { alarmName: `${prefix}-api-5xx-rate`, apiId: http.api.id, topicArn: alarms.topic.arn });
    this.apiUrl = http.api.apiEndpoint;
    new TerraformOutput(this, STAGE_OUTPUTS.api.apiUrl, { value: this.apiUrl });
  }
}
