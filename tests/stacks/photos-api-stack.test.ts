import { Testing } from "cdktf";
// Types of the matchers Testing.setupJest() adds.
import "cdktf/lib/testing/adapters/jest";
import { Apigatewayv2Authorizer } from "@cdktf/provider-aws/lib/apigatewayv2-authorizer";
import { Apigatewayv2Integration } from "@cdktf/provider-aws/lib/apigatewayv2-integration";
import { Apigatewayv2Route } from "@cdktf/provider-aws/lib/apigatewayv2-route";
import { Apigatewayv2Stage } from "@cdktf/provider-aws/lib/apigatewayv2-stage";
import { Apigatewayv2Api } from "@cdktf/provider-aws/lib/apigatewayv2-api";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { LambdaFunctionEventInvokeConfig } from "@cdktf/provider-aws/lib/lambda-function-event-invoke-config";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { S3BucketNotification } from "@cdktf/provider-aws/lib/s3-bucket-notification";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { ENV, FUNCTIONS, FUNCTION_NAMES, ROUTES, ROUTE_IDS, UPLOADS_PREFIX, apiCors, functionEnvKeys, routeHandler, routeKey } from "../../functions/shared/contract";
import { STAGES, resolveStage } from "../../stacks/config";
import { indexStatementSid, objectsStatementSid } from "../../stacks/function-access";
import { executeApiPath } from "../../stacks/constructs/photos-http-api";
import { policyStatements, resourcesOf, synthStage, testStage, type SynthesizedStage } from "../helpers/stage-stacks";

Testing.setupJest();

let dev: SynthesizedStage;
let prod: SynthesizedStage;
let qa: SynthesizedStage;
beforeAll(async () => {
  [dev, prod, qa] = await Promise.all([synthStage("dev"), synthStage("prod"), synthStage(testStage())]);
});
const devConfig = resolveStage("dev");

/** The statements of a function's inline policy (`runtime` or `data-access`). */
function functionStatements(fn: string, policy: "runtime" | "data-access", stage: SynthesizedStage = dev): Record<string, unknown>[] {
  return policyStatements(stage.apiJson)
    .filter(({ id }) => id.startsWith(`${fn}_${policy}-policy-document_`))
    .map(({ statement }) => statement);
}

describe("functions", () => {
  test.each(FUNCTION_NAMES)("%s runs Node.js 22 on arm64 from its zip, by hash", (fn) => {
    expect(dev.api).toHaveResourceWithProperties(LambdaFunction, {
      function_name: `event-photos-dev-${fn}`,
      runtime: "nodejs22.x",
      architectures: ["arm64"],
      handler: "index.handler",
      filename: expect.stringMatching(new RegExp(`^assets/${fn}_code_\\w+/[0-9a-f]{64}/${fn}-[0-9a-f]{64}\\.zip$`)),
      source_code_hash: expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/),
    });
  });

  test.each(FUNCTION_NAMES)("%s gets exactly the environment it reads, and no secrets", (fn) => {
    const lambda = resourcesOf(dev.apiJson, "aws_lambda_function").find((resource) => resource.function_name === `event-photos-dev-${fn}`);
    const variables = (lambda?.environment as { variables: Record<string, string> }).variables;
    expect(Object.keys(variables).sort()).toEqual(functionEnvKeys(fn).map((key) => ENV[key].variable).sort());
    // Powertools' settings: the function's own service name, the stage's namespace, no tracing in dev.
    expect(variables).toMatchObject({
      [ENV.serviceName.variable]: fn,
      [ENV.metricsNamespace.variable]: "event-photos-dev",
      [ENV.tracing.variable]: "false",
    });
    for (const [name, value] of Object.entries(variables)) {
      expect(name).not.toMatch(/SECRET|PASSWORD|TOKEN|CREDENTIAL|ACCESS_KEY/i);
      expect(value).not.toMatch(/AKIA[0-9A-Z]{16}|aws_secret|-----BEGIN/i);
    }
  });

  test("pass the stage's upload and pixel limits and the CloudFront URL", () => {
    expect(dev.api).toHaveResourceWithProperties(LambdaFunction, {
      environment: { variables: expect.objectContaining({ [ENV.uploadLimitBytes.variable]: String(devConfig.uploadLimitBytes) }) },
    });
    expect(dev.api).toHaveResourceWithProperties(LambdaFunction, {
      function_name: "event-photos-dev-process-upload",
      memory_size: FUNCTIONS["process-upload"].memoryMb,
      timeout: FUNCTIONS["process-upload"].timeoutSeconds,
      environment: { variables: expect.objectContaining({ [ENV.pixelLimit.variable]: String(devConfig.pixelLimit) }) },
    });
    expect(dev.api).toHaveResourceWithProperties(LambdaFunction, {
      environment: { variables: expect.objectContaining({ [ENV.photosBaseUrl.variable]: expect.stringMatching(/^https:\/\/\$\{aws_cloudfront_distribution\.\S+\.domain_name\}$/) }) },
    });
  });

  test.each(FUNCTION_NAMES)("%s has its own log group with the stage's retention", (fn) => {
    expect(dev.api).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: `/aws/lambda/event-photos-dev-${fn}`,
      retention_in_days: STAGES.dev.logRetentionDays,
    });
    expect(prod.api).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: `/aws/lambda/event-photos-prod-${fn}`,
      retention_in_days: STAGES.prod.logRetentionDays,
    });
  });
});

describe("least privilege", () => {
  test.each(FUNCTION_NAMES)("%s may call exactly its actions: on the table, its indexes, its key prefixes, the user pool and the CDN", (fn) => {
    const access = FUNCTIONS[fn].access;
    const expected = [
      ...(access.table?.length ? [{ sid: "Table", effect: "Allow", actions: [...access.table], resources: [expect.stringMatching(/^\$\{aws_dynamodb_table\.\S+\.arn\}$/)] }] : []),
      ...Object.entries(access.tableIndexes ?? {}).map(([index, actions]) => ({
        sid: indexStatementSid(index),
        effect: "Allow",
        actions: [...actions],
        resources: [expect.stringMatching(new RegExp(`^\\$\\{aws_dynamodb_table\\.\\S+\\.arn\\}/index/${index}$`))],
      })),
      ...Object.entries(access.objects ?? {}).map(([prefix, actions]) => ({
        sid: objectsStatementSid(prefix),
        effect: "Allow",
        actions: [...actions],
        resources: [expect.stringMatching(new RegExp(`^arn:\\$\\{data\\.aws_partition\\.\\S+\\.partition\\}:s3:::\\S+/${prefix}\\*$`))],
      })),
      ...(access.userPool?.length ? [{ sid: "UserPool", effect: "Allow", actions: [...access.userPool], resources: [expect.stringMatching(/^\$\{aws_cognito_user_pool\.\S+\.arn\}$/)] }] : []),
      ...(access.cdn?.length ? [{ sid: "Cdn", effect: "Allow", actions: [...access.cdn], resources: [expect.stringMatching(/^\$\{aws_cloudfront_distribution\.\S+\.arn\}$/)] }] : []),
    ];
    expect(functionStatements(fn, "data-access")).toEqual(expected);
  });

  test("the processor reads and deletes originals, and writes and deletes variants, nothing more of the bucket", () => {
    const objects = functionStatements("process-upload", "data-access").filter((statement) => String(statement.sid).startsWith("ObjectsUnder"));
    expect(objects).toEqual([
      expect.objectContaining({ actions: ["s3:GetObject", "s3:DeleteObject"], resources: [expect.stringMatching(/\/uploads\/\*$/)] }),
      expect.objectContaining({ actions: ["s3:PutObject", "s3:DeleteObject"], resources: [expect.stringMatching(/\/photos\/\*$/)] }),
    ]);
  });

  test.each(FUNCTION_NAMES)("%s may write its own log streams only", (fn) => {
    expect(functionStatements(fn, "runtime")).toContainEqual({
      sid: "WriteOwnLogs",
      effect: "Allow",
      actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
      resources: [expect.stringMatching(new RegExp(`^\\$\\{aws_cloudwatch_log_group\\.${fn}_log-group_\\w+\\.arn\\}:\\*$`))],
    });
  });

  test("only the processor may send to its failure queue", () => {
    const senders = FUNCTION_NAMES.filter((fn) => JSON.stringify(functionStatements(fn, "runtime")).includes("sqs:SendMessage"));
    expect(senders).toEqual(["process-upload"]);
    expect(functionStatements("process-upload", "runtime")).toContainEqual(
      expect.objectContaining({ actions: ["sqs:SendMessage"], resources: [expect.stringMatching(/^\$\{aws_sqs_queue\.\S+\.arn\}$/)] }),
    );
  });

  test("no allowed action is a wildcard, and only X-Ray's trace writes (which IAM allows only so) apply to *", () => {
    for (const stage of [dev, prod]) {
      const allowed = policyStatements(stage.apiJson).filter(({ statement }) => statement.effect === "Allow");
      expect(allowed.length).toBeGreaterThan(FUNCTION_NAMES.length);
      for (const { statement } of allowed) {
        for (const action of statement.actions as string[]) expect(action).not.toMatch(/\*/);
        if (((statement.resources ?? []) as string[]).includes("*")) expect(statement).toMatchObject({ sid: "WriteTraces", actions: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"] });
      }
    }
  });

  test.each(FUNCTION_NAMES)("%s's role carries the stage's permissions boundary, which the bootstrap stack creates", (fn) => {
    expect(prod.api).toHaveResourceWithProperties(IamRole, {
      name: `event-photos-prod-${fn}-role`,
      permissions_boundary: expect.stringMatching(/^arn:\$\{data\.aws_partition\.\S+\.partition\}:iam::\$\{element\(split\(":", \S+\), 4\)\}:policy\/event-photos-prod-function-boundary$/),
    });
  });
});

describe("tracing", () => {
  test.each(FUNCTION_NAMES)("CKV_AWS_50: %s traces actively with X-Ray in prod, and may write its traces there only", (fn) => {
    expect(prod.api).toHaveResourceWithProperties(LambdaFunction, { function_name: `event-photos-prod-${fn}`, tracing_config: { mode: "Active" } });
    expect(dev.api).toHaveResourceWithProperties(LambdaFunction, { function_name: `event-photos-dev-${fn}`, tracing_config: { mode: "PassThrough" } });
    expect(functionStatements(fn, "runtime", prod)).toContainEqual({ sid: "WriteTraces", effect: "Allow", actions: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], resources: ["*"] });
    expect(JSON.stringify(functionStatements(fn, "runtime", dev))).not.toContain("xray:");
    // Powertools' Tracer runs exactly where the function traces.
    const variables = (stage: SynthesizedStage) =>
      (resourcesOf(stage.apiJson, "aws_lambda_function").find((resource) => String(resource.function_name).endsWith(`-${fn}`))?.environment as { variables: Record<string, string> }).variables;
    expect(variables(prod)[ENV.tracing.variable]).toBe("true");
    expect(variables(dev)[ENV.tracing.variable]).toBe("false");
  });
});

describe("alarms", () => {
  const alarms = (stage: SynthesizedStage) => resourcesOf(stage.apiJson, "aws_cloudwatch_metric_alarm");

  test("every alarm notifies the stage's SNS topic when it fires and when it recovers", () => {
    expect(dev.api).toHaveResourceWithProperties(SnsTopic, { name: "event-photos-dev-alarms" });
    expect(alarms(dev).length).toBeGreaterThanOrEqual(4);
    for (const alarm of alarms(dev)) {
      expect(alarm).toMatchObject({ alarm_actions: [expect.stringMatching(/^\$\{aws_sns_topic\.alarms_topic_\w+\.arn\}$/)], ok_actions: alarm.alarm_actions as string[] });
      expect(String(alarm.alarm_name)).toMatch(/^event-photos-dev-/);
    }
  });

  test("mails the stage's address when the stage names one", () => {
    expect(resourcesOf(dev.apiJson, "aws_sns_topic_subscription")).toEqual([]);
    expect(qa.api).toHaveResourceWithProperties(SnsTopicSubscription, { protocol: "email", endpoint: "oncall@example.com" });
  });

  test("fire on the processor's errors and throttles", () => {
    for (const metric of ["Errors", "Throttles"]) {
      expect(dev.api).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
        alarm_name: `event-photos-dev-process-upload-${metric.toLowerCase()}`,
        namespace: "AWS/Lambda",
        metric_name: metric,
        dimensions: { FunctionName: expect.stringMatching(/process-upload_function_\w+\.function_name\}$/) },
        threshold: 0,
        comparison_operator: "GreaterThanThreshold",
      });
    }
  });

  test("fires on the API's 5xx rate, not on its first failure", () => {
    expect(dev.api).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: "event-photos-dev-api-5xx-rate",
      threshold: 5,
      metric_query: expect.arrayContaining([
        expect.objectContaining({ id: "errors", metric: expect.objectContaining({ namespace: "AWS/ApiGateway", metric_name: "5xx", dimensions: { ApiId: expect.stringMatching(/aws_apigatewayv2_api\./) } }) }),
        expect.objectContaining({ id: "requests", metric: expect.objectContaining({ metric_name: "Count" }) }),
        expect.objectContaining({ id: "rate", expression: "IF(requests >= 20, 100 * errors / requests, 0)", return_data: true }),
      ]),
    });
  });
});

describe("upload trigger", () => {
  test("notifies the processor of objects created under uploads/ only, after the permission exists", () => {
    expect(dev.api).toHaveResourceWithProperties(S3BucketNotification, {
      lambda_function: [expect.objectContaining({ events: ["s3:ObjectCreated:*"], filter_prefix: UPLOADS_PREFIX })],
      depends_on: [expect.stringMatching(/^aws_lambda_permission\.upload-trigger_invoke-permission_/)],
    });
  });

  test("lets S3 invoke only for this bucket in this account", () => {
    expect(dev.api).toHaveResourceWithProperties(LambdaPermission, {
      principal: "s3.amazonaws.com",
      source_arn: expect.stringMatching(/:s3:::/),
      source_account: expect.stringMatching(/^\$\{element\(split\(":", \S+\), 4\)\}$/),
    });
  });

  test("sends events that fail every retry to an encrypted queue, with an alarm on it", () => {
    expect(dev.api).toHaveResourceWithProperties(LambdaFunctionEventInvokeConfig, {
      function_name: expect.stringMatching(/process-upload_function_\w+\.function_name\}$/),
      maximum_retry_attempts: 2,
      destination_config: { on_failure: { destination: expect.stringMatching(/^\$\{aws_sqs_queue\.\S+\.arn\}$/) } },
    });
    expect(dev.api).toHaveResourceWithProperties(SqsQueue, { sqs_managed_sse_enabled: true });
    expect(dev.api).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      namespace: "AWS/SQS",
      metric_name: "ApproximateNumberOfMessagesVisible",
      comparison_operator: "GreaterThanThreshold",
      threshold: 0,
    });
  });

  test("reserves the processor's concurrency where the stage asks", () => {
    expect(prod.api).toHaveResourceWithProperties(LambdaFunction, {
      function_name: "event-photos-prod-process-upload",
      reserved_concurrent_executions: STAGES.prod.reservedConcurrency["process-upload"],
    });
  });
});

describe("HTTP API", () => {
  test("checks Cognito JWTs: the user pool's issuer and the app client as audience", () => {
    expect(dev.api).toHaveResourceWithProperties(Apigatewayv2Authorizer, {
      authorizer_type: "JWT",
      identity_sources: ["$request.header.Authorization"],
      jwt_configuration: {
        issuer: expect.stringMatching(new RegExp(`^https://cognito-idp\\.${devConfig.region}\\.amazonaws\\.com/\\$\\{aws_cognito_user_pool\\.\\S+\\.id\\}$`)),
        audience: [expect.stringMatching(/^\$\{aws_cognito_user_pool_client\.\S+\.id\}$/)],
      },
    });
  });

  test.each(ROUTE_IDS.map((id) => [routeKey(ROUTES[id]), id] as const))("%s is behind the authorizer and invokes only its own function", (key, id) => {
    const route = ROUTES[id];
    expect(dev.api).toHaveResourceWithProperties(Apigatewayv2Route, {
      route_key: key,
      authorization_type: "JWT",
      authorizer_id: expect.stringMatching(/^\$\{aws_apigatewayv2_authorizer\./),
    });
    expect(dev.api).toHaveResourceWithProperties(LambdaPermission, {
      principal: "apigateway.amazonaws.com",
      function_name: expect.stringContaining(`${routeHandler(id)}_function_`),
      source_arn: expect.stringMatching(new RegExp(`\\.execution_arn\\}/\\*/${route.method}${executeApiPath(route.path).replaceAll("*", "\\*")}$`)),
    });
  });

  test("integrates with Lambda using payload format 2.0", () => {
    const integrations = resourcesOf(dev.apiJson, "aws_apigatewayv2_integration");
    expect(integrations).toHaveLength(ROUTE_IDS.length);
    expect(dev.api).toHaveResourceWithProperties(Apigatewayv2Integration, { integration_type: "AWS_PROXY", payload_format_version: "2.0" });
  });

  test("allows the stage's origins and the web app's (CORS from the contract)", () => {
    // The web app's origin comes from the infra stack's distribution, never a copied domain.
    const cors = apiCors(STAGES.prod.allowedOrigins);
    expect(prod.api).toHaveResourceWithProperties(Apigatewayv2Api, {
      cors_configuration: { allow_origins: [...cors.allowOrigins, expect.stringMatching(/^https:\/\/\$\{aws_cloudfront_distribution\.web_distribution_\w+\.domain_name\}$/)], allow_methods: cors.allowMethods, allow_headers: cors.allowHeaders, max_age: cors.maxAgeSeconds },
    });
  });

  test("writes access logs to a log group with retention and throttles by default", () => {
    expect(dev.api).toHaveResourceWithProperties(Apigatewayv2Stage, {
      name: "$default",
      auto_deploy: true,
      access_log_settings: {
        destination_arn: expect.stringMatching(/^\$\{aws_cloudwatch_log_group\.http-api_access-logs_\w+\.arn\}$/),
        format: expect.stringContaining("$context.requestId"),
      },
      default_route_settings: { throttling_burst_limit: devConfig.throttling.burstLimit, throttling_rate_limit: devConfig.throttling.rateLimit },
    });
    expect(dev.api).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: "/aws/apigateway/event-photos-dev-api",
      retention_in_days: STAGES.dev.logRetentionDays,
    });
  });
});

test("execute-api paths turn each route parameter into a wildcard segment", () => {
  expect(executeApiPath("/events/{eventId}/photos/{photoId}")).toBe("/events/*/photos/*");
});
