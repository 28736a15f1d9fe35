/**
 * What the functions log, read where Powertools writes it: a Console of its own on process.stdout
 * and process.stderr, as in Lambda (a spy on the global console sees none of it), one JSON object
 * per line: log lines and metrics in CloudWatch embedded metric format alike. Captured lines are
 * parsed and kept off the test output; anything else written passes through.
 */
export type LogLine = Record<string, unknown>;

export interface LogCapture {
  /** Every JSON line written since the start or the last clear, parsed, in order. */
  lines(): LogLine[];
  /** The EMF lines only (those with an `_aws` metadata block). */
  metrics(): LogLine[];
  clear(): void;
  stop(): void;
}

type Write = (chunk: unknown, ...rest: unknown[]) => boolean;

export function captureLogs(): LogCapture {
  let lines: LogLine[] = [];
  const spies = [process.stdout, process.stderr].map((stream) => {
    const write = stream.write.bind(stream) as Write;
    return jest.spyOn(stream, "write").mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
      const parsed = jsonLines(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8"));
      if (!parsed) return write(chunk, ...rest);
      lines.push(...parsed);
      const callback = rest.find((argument) => typeof argument === "function") as (() => void) | undefined;
      callback?.();
      return true;
    }) as Write as typeof stream.write);
  });
  return {
    lines: () => [...lines],
    metrics: () => lines.filter((line) => "_aws" in line),
    clear: () => {
      lines = [];
    },
    stop: () => {
      for (const spy of spies) spy.mockRestore();
    },
  };
}

/** The objects of a chunk made only of JSON object lines, or undefined for anything else. */
function jsonLines(text: string): LogLine[] | undefined {
  const rows = text.split("\n").filter((row) => row.trim() !== "");
  if (rows.length === 0) return undefined;
  const parsed: LogLine[] = [];
  for (const row of rows) {
    if (!row.startsWith("{")) return undefined;
    try {
      parsed.push(JSON.parse(row) as LogLine);
    } catch {
      return undefined;
    }
  }
  return parsed;
}
