/**
 * The network between a Lambda function and S3 or DynamoDB in its region, as the processor bench
 * models it: a fixed latency on every request, added in the emulator process by the fault proxies
 * in front of the emulators (emulator-process.ts), never by the handler code. Loopback emulators
 * answer within a fraction of a millisecond, so without a model the processor's work is all CPU
 * and overlapping records gains little; in AWS every call waits on the network, and that wait is what the batch's
 * concurrency overlaps.
 *
 * - DynamoDB, 5 ms a request: DynamoDB is built for "single-digit millisecond performance at any
 *   scale" (https://aws.amazon.com/dynamodb/), and 5 ms is about what AWS users measure for a
 *   single-item read or write from a function in the same region.
 * - S3, 20 ms a request: S3 Express One Zone's "single-digit millisecond first-byte read and write
 *   request latencies" are documented as "up to 10x faster than S3 Standard"
 *   (https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-express-performance.html), which
 *   puts S3 Standard's first byte in the tens of milliseconds; 20 ms is about what users measure
 *   for small objects in region.
 * Bandwidth is not modeled: the bench's originals are a few hundred bytes.
 */
export interface NetworkModel {
  /** Milliseconds added to every S3 request. */
  readonly s3Ms: number;
  /** Milliseconds added to every DynamoDB request. */
  readonly dynamodbMs: number;
}

export const IN_REGION: NetworkModel = { s3Ms: 20, dynamodbMs: 5 };

/** No latency added: the emulators' own loopback answers. */
export const LOOPBACK: NetworkModel = { s3Ms: 0, dynamodbMs: 0 };
