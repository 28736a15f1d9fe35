/**
 * Logs, metrics and traces of one function, with Powertools for AWS Lambda: a Logger (one JSON
 * object per line, with the request id, the cold start and the function's name), Metrics in
 * CloudWatch embedded metric format, and a Tracer where the stage turns tracing on. Each handler
 * module creates one from its own validated configuration (never from a process-wide default), so
 * functions hosted in one process, as the local stack hosts them, never share settings; then it
 * wraps its handler with `instrument`.
 */
import { Logger } from "@aws-lambda-powertools/logger";
import { Metrics } from "@aws-lambda-powertools/metrics";
import type { Context } from "aws-lambda";
import type { HandlerTracing } from "./tracing";

export interface TelemetrySettings {
  /** The `service` of every log line and metric: the function's name in the contract. */
  readonly serviceName: string;
  readonly metricsNamespace: string;
  /** Send X-Ray traces: the handler's subsegment and one per AWS call. */
  readonly tracing: boolean;
}

export type LambdaHandler<E, R> = (event: E, context: Context) => Promise<R>;

export class Telemetry {
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Loading starts with the module (Lambda's init phase); every invocation awaits it. */
  private readonly tracing: Promise<HandlerTracing> | undefined;

  constructor(settings: TelemetrySettings) {
    this.logger = new Logger({ serviceName: settings.serviceName });
    // Metrics' own warnings (an invalid dimension, say) go out as log lines of this logger.
    this.metrics = new Metrics({ namespace: settings.metricsNamespace, serviceName: settings.serviceName, logger: this.logger });
    this.tracing = settings.tracing
      ? import("./tracing").then(({ HandlerTracing }) => new HandlerTracing(settings.serviceName))
      : undefined;
  }

  /** `client`, whose calls are traced where tracing is on. Call it at module scope, as clients are created. */
  traced<C>(client: C): C {
    // Runs before any invocation resumes from awaiting the same promise.
    void this.tracing?.then((tracing) => tracing.capture(client));
    return client;
  }

  /**
   * `handler` with what Powertools' middlewares do around each invocation, and the same signature:
   * the Lambda context on every log line, a ColdStart metric on the first invocation, the
   * invocation traced where tracing is on; afterwards the invocation's metrics are flushed (when it
   * recorded any: an empty flush only warns) and the keys it appended are dropped, so an event id
   * never shows up on the next request's lines.
   */
  instrument<E, R>(handler: LambdaHandler<E, R>): LambdaHandler<E, R> {
    return async (event, context) => {
      this.logger.refreshSampleRateCalculation();
      this.logger.addContext(context);
      this.metrics.captureColdStartMetric(context.functionName);
      try {
        const tracing = await this.tracing;
        return tracing ? await tracing.trace(() => handler(event, context)) : await handler(event, context);
      } finally {
        if (this.metrics.hasStoredMetrics()) this.metrics.publishStoredMetrics();
        this.logger.resetKeys();
      }
    };
  }
}
