/**
 * The local stack's ports, found free on the first start and asked for again on every restart
 * (DESIGN section 6: free ports found at start; data and photo URLs valid across restarts). A URL
 * a client kept, a token whose issuer names cognito-local's port, an open browser tab: all keep
 * working after `npm start` runs again. A port another process took since is replaced by a free one.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { writeAtomically } from "../../packaging/manifest";
import { assertPortFree, findFreePort } from "./ports";

const PORTS_FILE = "ports.json";
const portsSchema = z.record(z.string(), z.number().int().min(1).max(65535));

export interface StickyPorts {
  /** The port `service` had last time if it is free, else a free one. */
  port(service: string): Promise<number>;
  /** Records the ports of this start for the next one. */
  save(): void;
}

export function stickyPorts(dataDir: string): StickyPorts {
  const file = join(dataDir, PORTS_FILE);
  const previous = readPorts(file);
  const chosen: Record<string, number> = {};
  return {
    async port(service) {
      const last = previous[service];
      const free = last !== undefined && (await assertPortFree(last, "").then(() => true, () => false));
      chosen[service] = free ? last : await findFreePort();
      return chosen[service];
    },
    save() {
      writeAtomically(file, `${JSON.stringify(chosen, null, 2)}\n`);
    },
  };
}

/** The ports of the last start; none when the file is missing or damaged (free ports are found again). */
function readPorts(file: string): Record<string, number> {
  if (!existsSync(file)) return {};
  try {
    const parsed = portsSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}
