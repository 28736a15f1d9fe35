/**
 * The lines the emulator process (emulator-process.ts) prints on stdout, one JSON object each, and
 * the requests it reads on stdin, one a line, each answered in order.
 */
import { z } from "zod";
import type { CreatedObject } from "../local/emulators";
import type { NetworkModel } from "./network-model";

const createdObjectSchema = z.strictObject({
  bucket: z.string().min(1),
  key: z.string().min(1),
  size: z.number().int().nonnegative(),
  eTag: z.string(),
}) satisfies z.ZodType<CreatedObject>;

export const emulatorMessageSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("ready"),
    s3Endpoint: z.url(),
    dynamodbEndpoint: z.url(),
    bucket: z.string().min(1),
    table: z.string().min(1),
  }),
  z.strictObject({ type: z.literal("objectCreated"), object: createdObjectSchema }),
  /** The answer to CPU_USAGE_REQUEST: the process's CPU time so far (all its threads), in milliseconds. */
  z.strictObject({ type: z.literal("cpuUsage"), cpuMs: z.number().nonnegative() }),
  /** The answer to a networkRequest: the model the emulators apply from now on. */
  z.strictObject({ type: z.literal("network"), s3Ms: z.number().nonnegative(), dynamodbMs: z.number().nonnegative() }),
]);

/** A line on the emulator process's stdin asking for its CPU time. */
export const CPU_USAGE_REQUEST = "cpu-usage";

const NETWORK_REQUEST = /^network (\d+) (\d+)$/;

/** A line on the emulator process's stdin setting the network model (network-model.ts). */
export function networkRequest(model: NetworkModel): string {
  return `network ${Math.round(model.s3Ms)} ${Math.round(model.dynamodbMs)}`;
}

/** The model a networkRequest line sets, or undefined for any other line. */
export function parseNetworkRequest(line: string): NetworkModel | undefined {
  const match = NETWORK_REQUEST.exec(line);
  return match ? { s3Ms: Number(match[1]), dynamodbMs: Number(match[2]) } : undefined;
}

export type EmulatorMessage = z.infer<typeof emulatorMessageSchema>;
