/**
 * Peak memory of one image at the pixel limit: a fresh process (apps/render-one.ts) renders it with
 * the processor's own code, as a fresh Lambda instance would, and reports its peak resident set.
 * Two images of exactly LIMITS.defaultPixelLimit pixels are made here: a PNG with Orientation=6
 * (no shrink-on-load, and a rotation) and a JPEG. Their content is flat, which keeps making them
 * cheap; decoding memory depends on the size, not on the content.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { FUNCTIONS, LIMITS, type AcceptedContentType } from "../../functions/shared/contract";
import { BenchError } from "./errors";
import { runNode, tsxArgs } from "./fresh-process";

export interface PixelLimitMemoryFigure {
  readonly megapixels: number;
  /** Peak resident set of each case, MiB. */
  readonly pngPeakMiB: number;
  readonly jpegPeakMiB: number;
  /** The processor's configured memory (FUNCTIONS), MB as Lambda counts it. */
  readonly memoryMb: number;
}

export interface PixelLimitMemoryOptions {
  readonly rootDir: string;
  readonly workDir: string;
  readonly log: (line: string) => void;
}

const SIDE = Math.floor(Math.sqrt(LIMITS.defaultPixelLimit));

export async function measurePixelLimitMemory(options: PixelLimitMemoryOptions): Promise<PixelLimitMemoryFigure> {
  const flat = () => sharp({ create: { width: SIDE, height: SIDE, channels: 3, background: { r: 90, g: 120, b: 200 } } });
  const cases: Record<"png" | "jpeg", { type: AcceptedContentType; bytes: Buffer }> = {
    png: { type: "image/png", bytes: await flat().png().withMetadata({ orientation: 6 }).toBuffer() },
    jpeg: { type: "image/jpeg", bytes: await flat().jpeg().toBuffer() },
  };
  const peaks = {} as Record<keyof typeof cases, number>;
  for (const [name, { type, bytes }] of Object.entries(cases) as [keyof typeof cases, (typeof cases)[keyof typeof cases]][]) {
    const file = join(options.workDir, `at-limit.${name}`);
    writeFileSync(file, bytes);
    const { stdout } = await runNode(tsxArgs(join(options.rootDir, "scripts/bench/apps/render-one.ts"), file, type), { cwd: options.rootDir });
    const { peakRssBytes, renderMs } = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as { peakRssBytes?: number; renderMs?: number };
    if (!peakRssBytes || !renderMs) throw new BenchError("measurement", `render-one printed "${stdout.trim()}" instead of its peak memory; run it by hand to see why`);
    peaks[name] = Math.round((peakRssBytes / 1024 ** 2) * 10) / 10;
    options.log(`pixel limit ${name} (${SIDE}x${SIDE}, ${bytes.length} bytes): peak RSS ${peaks[name]} MiB, render ${renderMs.toFixed(0)} ms`);
  }
  return { megapixels: (SIDE * SIDE) / 1e6, pngPeakMiB: peaks.png, jpegPeakMiB: peaks.jpeg, memoryMb: FUNCTIONS["process-upload"].memoryMb };
}
