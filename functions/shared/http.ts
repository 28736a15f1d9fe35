/**
 * The HTTP edge of the API handlers: a wrapper that turns a plain function of the API Gateway v2
 * event into a Lambda handler returning JSON, instrumented by the function's telemetry, and maps
 * errors to statuses in one table. Errors that are not ApiErrors are logged with their causes and
 * answered with a 500 that reveals nothing about them.
 */
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import { ApiError, ERROR_STATUS } from "./errors";
import type { Telemetry } from "./telemetry";

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type ApiResult = APIGatewayProxyStructuredResultV2;
export type ApiHandler = (event: ApiEvent, context: Context) => Promise<ApiResult>;

/** What a core function answers: a status and a body to serialize as JSON. */
export interface JsonResponse {
  readonly statusCode: number;
  readonly body: unknown;
}

export function jsonHandler(telemetry: Telemetry, handle: (event: ApiEvent) => Promise<JsonResponse>): ApiHandler {
  const { logger } = telemetry;
  return telemetry.instrument(async (event) => {
    // API Gateway's request id ties these lines to the access log; the path's ids to the data.
    logger.setCorrelationId(event.requestContext.requestId);
    logger.appendKeys({ routeKey: event.routeKey, eventId: event.pathParameters?.eventId, photoId: event.pathParameters?.photoId });
    try {
      const response = await handle(event);
      return json(response.statusCode, response.body);
    } catch (error) {
      // Under `error`, whatever was thrown; an Error with its stack and its chain of causes.
      if (!(error instanceof ApiError)) logger.error("unhandled error", { error });
      return errorResponse(error);
    }
  });
}

function errorResponse(error: unknown): ApiResult {
  if (error instanceof ApiError) {
    const body = { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
    return json(ERROR_STATUS[error.code], { error: body });
  }
  return json(500, {
    error: { code: "internal_error", message: "The server failed to handle this request; retry later, and report it if it persists." },
  });
}

/** The request body parsed as JSON; API Gateway may hand it over base64-encoded. */
export function jsonBody(event: ApiEvent): unknown {
  if (event.body === undefined || event.body === null || event.body === "") {
    throw new ApiError("invalid_request", "The request has no body; send a JSON object.", {
      details: [{ field: "body", message: "body is required" }],
    });
  }
  const text = event.isBase64Encoded ? Buffer.from(event.body, "base64").toString("utf8") : event.body;
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new ApiError("invalid_request", `The request body is not valid JSON (${(cause as Error).message}); send a JSON object.`, {
      cause,
      details: [{ field: "body", message: "malformed JSON" }],
    });
  }
}

function json(statusCode: number, body: unknown): ApiResult {
  // 204 No Content carries neither a body nor a content type.
  if (statusCode === 204) return { statusCode };
  return { statusCode, headers: { "content-type": "application/json; charset=utf-8" }, body: JSON.stringify(body) };
}
