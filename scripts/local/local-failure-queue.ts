/**
 * The local stack's on-failure destination: a directory per function under the data directory,
 * one file per message, whose content is the invocation record exactly as Lambda sends it to SQS as
 * the message body, so the redrive reads both alike. It survives restarts like the emulators' data;
 * each file is written under a temporary name and renamed, so a reader never sees part of a record.
 */
import { randomUUID } from "node:crypto";
import { mkdir, readFile, readdir, rename, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { FailureMessage, FailureQueue } from "../redrive/failure-queue";
import type { InvocationRecord } from "./invocation-record";

/** Under the data directory: one directory per function with a failure queue. */
export const FAILURE_QUEUES_DIR = "failure-queues";
const MESSAGE_SUFFIX = ".json";
/** As many as one SQS receive returns at most. */
const RECEIVE_BATCH = 10;
/** Orders the messages kept within one millisecond. */
let sequence = 0;

export function failureQueueDirectory(dataDir: string, functionName: string): string {
  return join(dataDir, FAILURE_QUEUES_DIR, functionName);
}

export class LocalFailureQueue implements FailureQueue {
  /** Messages this reader has received: hidden from its later receives, as SQS hides them for a while. */
  private readonly received = new Set<string>();

  constructor(
    readonly directory: string,
    readonly name: string = directory,
  ) {}

  /** Keeps `record` as a new message and returns its file. */
  async send(record: InvocationRecord): Promise<string> {
    await mkdir(this.directory, { recursive: true });
    // Named by time first, so the directory lists oldest first.
    sequence = (sequence + 1) % 1_000_000;
    const id = `${Date.now().toString().padStart(15, "0")}-${sequence.toString().padStart(6, "0")}-${randomUUID()}`;
    const file = join(this.directory, `${id}${MESSAGE_SUFFIX}`);
    const temporary = join(this.directory, `.${id}.tmp`);
    await writeFile(temporary, `${JSON.stringify(record, null, 2)}\n`);
    await rename(temporary, file);
    return file;
  }

  async receive(): Promise<readonly FailureMessage[]> {
    const messages: FailureMessage[] = [];
    for (const id of await this.messageIds()) {
      if (messages.length === RECEIVE_BATCH) break;
      if (this.received.has(id)) continue;
      const body = await readFile(this.fileOf(id), "utf8").catch(ignoreMissing);
      // Deleted by another reader since the listing.
      if (body === undefined) continue;
      this.received.add(id);
      messages.push({ id, body, receipt: id });
    }
    return messages;
  }

  async delete(message: FailureMessage): Promise<void> {
    await unlink(this.fileOf(message.receipt)).catch(ignoreMissing);
  }

  async release(message: FailureMessage): Promise<void> {
    this.received.delete(message.id);
  }

  /** Every message in the queue, oldest first. */
  async messageIds(): Promise<string[]> {
    const entries = await readdir(this.directory).catch(ignoreMissing);
    return (entries ?? [])
      .filter((entry) => entry.endsWith(MESSAGE_SUFFIX))
      .map((entry) => entry.slice(0, -MESSAGE_SUFFIX.length))
      .sort();
  }

  private fileOf(id: string): string {
    return join(this.directory, `${id}${MESSAGE_SUFFIX}`);
  }
}

function ignoreMissing(error: NodeJS.ErrnoException): undefined {
  if (error.code === "ENOENT") return undefined;
  throw error;
}
