/**
 * X-Ray tracing with Powertools' Tracer, for the stages that turn it on (POWERTOOLS_TRACE_ENABLED).
 * telemetry.ts imports this module only where tracing is on: the X-Ray SDK it brings costs cold
 * start time that a function without tracing should not pay (measured by `npm run bench`).
 */
import { Tracer } from "@aws-lambda-powertools/tracer";
import { BUNDLE } from "./contract";

/** Powertools names the handler's subsegment after Lambda's handler setting. */
const HANDLER_SUBSEGMENT = `## ${BUNDLE.lambdaHandler}`;

export class HandlerTracing {
  private readonly tracer: Tracer;

  constructor(serviceName: string) {
    this.tracer = new Tracer({ serviceName });
  }

  /** Records every call `client` sends as a subsegment. */
  capture<C>(client: C): C {
    return this.tracer.captureAWSv3Client(client);
  }

  /**
   * Runs one invocation in the handler's subsegment, annotated with ColdStart and Service; an
   * error it throws is recorded on the subsegment and thrown on. Responses are not recorded: they
   * carry presigned URLs and whole pages of photos.
   */
  async trace<R>(invocation: () => Promise<R>): Promise<R> {
    // Lambda's own segment; none when this invocation is not traced (Powertools disables itself outside Lambda).
    const parent = this.tracer.getSegment();
    if (!parent) return invocation();
    const subsegment = parent.addNewSubsegment(HANDLER_SUBSEGMENT);
    this.tracer.setSegment(subsegment);
    this.tracer.annotateColdStart();
    this.tracer.addServiceNameAnnotation();
    try {
      return await invocation();
    } catch (error) {
      this.tracer.addErrorAsMetadata(error as Error);
      throw error;
    } finally {
      subsegment.close();
      this.tracer.setSegment(parent);
    }
  }
}
