import { Construct } from "constructs";
import { Apigatewayv2Api } from "@cdktf/provider-aws/lib/apigatewayv2-api";
import { Apigatewayv2Authorizer } from "@cdktf/provider-aws/lib/apigatewayv2-authorizer";
import { Apigatewayv2Integration } from "@cdktf/provider-aws/lib/apigatewayv2-integration";
import { Apigatewayv2Route } from "@cdktf/provider-aws/lib/apigatewayv2-route";
import { Apigatewayv2Stage } from "@cdktf/provider-aws/lib/apigatewayv2-stage";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import type { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { apiCors, routeKey, type RouteSpec } from "../../functions/shared/contract";

export interface PhotosHttpApiProps {
  /** Prefix of resource names, e.g. `event-photos-dev`. */
  readonly namePrefix: string;
  readonly allowedOrigins: readonly string[];
  /** JWT issuer, e.g. `https://cognito-idp.<region>.amazonaws.com/<poolId>`. */
  readonly jwtIssuer: string;
  /** Accepted `aud` / `client_id` values: the app client ids. */
  readonly jwtAudience: readonly string[];
  /** Each route (by its contract id) with the function behind it. */
  readonly routes: readonly { readonly id: string; readonly route: RouteSpec; readonly function: LambdaFunction }[];
  readonly logRetentionDays: number;
  readonly throttling: { readonly burstLimit: number; readonly rateLimit: number };
}

/** Fields of an access log line: enough to trace a request to its Lambda logs. */
const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: "$context.requestId",
  requestTime: "$context.requestTime",
  httpMethod: "$context.httpMethod",
  routeKey: "$context.routeKey",
  status: "$context.status",
  responseLength: "$context.responseLength",
  integrationError: "$context.integrationErrorMessage",
  authorizerError: "$context.authorizer.error",
  sourceIp: "$context.identity.sourceIp",
});

/**
 * The HTTP API: every route behind the Cognito JWT authorizer, Lambda proxy integrations
 * (payload 2.0), CORS, and a `$default` stage with access logs and default throttling.
 */
export class PhotosHttpApi extends Construct {
  readonly api: Apigatewayv2Api;
  readonly stage: Apigatewayv2Stage;

  constructor(scope: Construct, id: string, props: PhotosHttpApiProps) {
    super(scope, id);
    const cors = apiCors(props.allowedOrigins);

    this.api = new Apigatewayv2Api(this, "api", {
      name: `${props.namePrefix}-api`,
      protocolType: "HTTP",
      corsConfiguration: {
        allowOrigins: cors.allowOrigins,
        allowMethods: cors.allowMethods,
        allowHeaders: cors.allowHeaders,
        maxAge: cors.maxAgeSeconds,
      },
    });
    const authorizer = new Apigatewayv2Authorizer(this, "jwt-authorizer", {
      apiId: this.api.id,
      name: "cognito-jwt",
      authorizerType: "JWT",
      identitySources: ["$request.header.Authorization"],
      jwtConfiguration: { issuer: props.jwtIssuer, audience: [...props.jwtAudience] },
    });

    for (const { id: routeId, route, function: fn } of props.routes) {
      // `POST-initiateUpload` becomes `post-initiate-upload`.
      const id = `${route.method}-${routeId.replace(/[A-Z]/g, (letter) => `-${letter}`)}`.toLowerCase();
      const integration = new Apigatewayv2Integration(this, `${id}-integration`, {
        apiId: this.api.id,
        integrationType: "AWS_PROXY",
        integrationUri: fn.invokeArn,
        payloadFormatVersion: "2.0",
      });
      new Apigatewayv2Route(this, `${id}-route`, {
        apiId: this.api.id,
        routeKey: routeKey(route),
        authorizationType: "JWT",
        authorizerId: authorizer.id,
        target: `integrations/${integration.id}`,
      });
      new LambdaPermission(this, `${id}-invoke-permission`, {
        statementId: "AllowHttpApiRoute",
        action: "lambda:InvokeFunction",
        functionName: fn.functionName,
        principal: "apigateway.amazonaws.com",
        sourceArn: `${this.api.executionArn}/*/${route.method}${executeApiPath(route.path)}`,
      });
    }

    const accessLogs = new CloudwatchLogGroup(this, "access-logs", {
      name: `/aws/apigateway/${props.namePrefix}-api`,
      retentionInDays: props.logRetentionDays,
    });
    this.stage = new Apigatewayv2Stage(this, "default-stage", {
      apiId: this.api.id,
      name: "$default",
      autoDeploy: true,
      accessLogSettings: { destinationArn: accessLogs.arn, format: ACCESS_LOG_FORMAT },
      defaultRouteSettings: {
        throttlingBurstLimit: props.throttling.burstLimit,
        throttlingRateLimit: props.throttling.rateLimit,
      },
    });
  }
}

/** Execute-api ARNs match request paths, so each `{param}` becomes a wildcard segment. */
export function executeApiPath(routePath: string): string {
  return routePath.replace(/\{[^}]+\}/g, "*");
}
