/**
 * The lines the emulator process (emulator-process.ts) prints on stdout, one JSON object each, and
 * the one request it reads on stdin.
 */
import { z } from "zod";
import type { CreatedObject } from "../local/emulators";

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
]);

/** A line on the emulator process's stdin asking for its CPU time. */
export const CPU_USAGE_REQUEST = "cpu-usage";

export type EmulatorMessage = z.infer<typeof emulatorMessageSchema>;
