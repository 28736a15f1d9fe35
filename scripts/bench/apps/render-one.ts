/**
 * One image through the processor's own renderVariants in a fresh process, as one invocation of a
 * fresh Lambda instance would: argv[2] is the image file, argv[3] its declared type. Prints the
 * process's peak resident set (bytes) and the milliseconds the render took, as one JSON line.
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
  // maxRSS is in kibibytes.
  console.log(JSON.stringify({ peakRssBytes: process.resourceUsage().maxRSS * 1024, renderMs }));
}

void main(file, type as AcceptedContentType);
