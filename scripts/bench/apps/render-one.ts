/**
 * One image through the processor's own renderVariants in a fresh process, as one invocation of a
 * fresh Lambda instance would: argv[2] is the image file, argv[3] its declared type. Prints the
 * process's peak resident set (bytes) and the milliseconds the render took, as one JSON line.
 * Linux only (it reads /proc), like Lambda.
 */
import { readFileSync } from "node:fs";
import { renderVariants } from "../../../functions/process-upload/render-variants";
import { ACCEPTED_CONTENT_TYPES, LIMITS, type AcceptedContentType } from "../../../functions/shared/contract";
import { BenchError } from "../errors";

const [file, type] = process.argv.slice(2);
if (!file || !ACCEPTED_CONTENT_TYPES.includes(type as AcceptedContentType)) {
  throw new BenchError("usage", `render-one needs an image file and one of ${ACCEPTED_CONTENT_TYPES.join(", ")}`);
}

async function main(path: string, declared: AcceptedContentType): Promise<void> {
  const bytes = readFileSync(path);
  const started = performance.now();
  const result = await renderVariants(bytes, declared, LIMITS.defaultPixelLimit);
  const renderMs = performance.now() - started;
  if (!("rendered" in result)) throw new BenchError("measurement", `render-one: ${path} was refused: ${JSON.stringify(result.refused)}`);
  console.log(JSON.stringify({ peakRssBytes: peakResidentBytes(), renderMs }));
}

/**
 * This process's own peak RSS: VmHWM of its address space. Not getrusage's maxRSS, which on Linux
 * carries the parent's peak over fork and exec, so a child of the (larger) bench would report the bench.
 */
function peakResidentBytes(): number {
  const line = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"));
  if (!line?.[1]) throw new BenchError("measurement", "render-one: /proc/self/status has no VmHWM line; the memory figure needs Linux");
  return Number(line[1]) * 1024;
}

void main(file, type as AcceptedContentType);
