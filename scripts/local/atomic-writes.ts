/**
 * Makes `fs.writeFile` of the files below one directory atomic and ordered: each write goes to a
 * temporary file that then replaces the target by rename, after the previous write of the same
 * file. cognito-local's store (StormDB's local engine) rewrites each JSON file in place with
 * `fs.writeFile` and does not wait for its previous save, so a process stopped mid-write, or two
 * overlapping saves of different lengths, leave a cut or mixed file, and the next start fails with
 * "Failed to load StormDB database file - invalid or corrupted format". A reader now sees the old
 * file or the new one, never a part.
 */
import { rename, writeFile } from "node:fs/promises";
import { resolve, sep } from "node:path";

type WriteFileCallback = (error: NodeJS.ErrnoException | null) => void;

/** The part of the `fs` module this replaces (the module itself, in the process that uses it). */
export interface WriteFileHost {
  writeFile: (...args: never[]) => void;
}

export interface AtomicWrites {
  /** Resolves once every write started so far has landed (or failed). */
  idle(): Promise<void>;
}

export function makeWritesAtomic(fsModule: WriteFileHost, directory: string): AtomicWrites {
  const original = fsModule.writeFile as (...args: unknown[]) => void;
  const root = resolve(directory) + sep;
  const queues = new Map<string, Promise<void>>();
  let sequence = 0;

  fsModule.writeFile = ((...args: unknown[]) => {
    const [file, data, ...rest] = args;
    const callback = rest.at(-1) as WriteFileCallback;
    const target = typeof file === "string" ? resolve(file) : undefined;
    if (!target?.startsWith(root) || typeof callback !== "function") return original(...args);
    const options = rest.length > 1 ? (rest[0] as Parameters<typeof writeFile>[2]) : undefined;
    const temporary = `${target}.${process.pid}.${sequence++}.tmp`;
    const landed = (queues.get(target) ?? Promise.resolve())
      .then(async () => {
        await writeFile(temporary, data as Parameters<typeof writeFile>[1], options);
        await rename(temporary, target);
        return null;
      })
      .catch((error: NodeJS.ErrnoException) => error);
    const queued = landed.then(() => undefined);
    queues.set(target, queued);
    void landed.then((error) => {
      if (queues.get(target) === queued) queues.delete(target);
      callback(error);
    });
  }) as WriteFileHost["writeFile"];

  return {
    async idle() {
      await Promise.all([...queues.values()]);
    },
  };
}
