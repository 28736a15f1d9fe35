/**
 * The processor's image work on a 12-megapixel JPEG made here, in this process, against two
 * baselines measured in the same run, runs interleaved so a busy neighbour hits all three alike:
 * - pipeline: renderVariants as the processor calls it (header, one decode, both WebP variants);
 * - floor: one sharp decode, one resize to 2048 and one WebP encode of the same image, the least
 *   any pipeline publishing a display variant must do;
 * - naive: two independent pipelines from the original bytes (display and thumb), run together.
 */
import sharp from "sharp";
import { fitInside, renderVariants, WEBP_QUALITY } from "../../functions/process-upload/render-variants";
import { LIMITS, VARIANTS } from "../../functions/shared/contract";
import { BenchError } from "./errors";
import { median, round } from "./stats";

export interface ImagePipelineFigure {
  readonly megapixels: number;
  readonly pipelineMs: number;
  readonly floorMs: number;
  readonly naiveMs: number;
}

export interface ImagePipelineOptions {
  readonly runs: number;
  readonly log: (line: string) => void;
}

const SIZE = { width: 4000, height: 3000 };

/** A photo-like 12 MP JPEG: smoothed noise, so the decoder and the encoder have real detail to work on. */
export async function benchJpeg(): Promise<Buffer> {
  return sharp({ create: { ...SIZE, channels: 3, background: "black", noise: { type: "gaussian", mean: 128, sigma: 40 } } }).blur(1.2).jpeg({ quality: 90 }).toBuffer();
}

export async function measureImagePipeline(options: ImagePipelineOptions): Promise<ImagePipelineFigure> {
  const jpeg = await benchJpeg();
  const variants = {
    pipeline: async () => {
      const result = await renderVariants(jpeg, "image/jpeg", LIMITS.defaultPixelLimit);
      if (!("rendered" in result)) throw new BenchError("measurement", `the bench JPEG was refused: ${JSON.stringify(result.refused)}; fix renderVariants first`);
    },
    floor: async () => {
      await fitInside(sharp(jpeg), VARIANTS.display.maxSide).webp({ quality: WEBP_QUALITY }).toBuffer();
    },
    naive: async () => {
      await Promise.all(
        Object.values(VARIANTS).map(({ maxSide }) => fitInside(sharp(jpeg, { autoOrient: true }), maxSide).webp({ quality: WEBP_QUALITY }).toBuffer()),
      );
    },
  };
  const samples: Record<keyof typeof variants, number[]> = { pipeline: [], floor: [], naive: [] };
  // One warm-up each: libvips loads its codecs on first use.
  for (const run of Object.values(variants)) await run();
  for (let run = 1; run <= options.runs; run += 1) {
    for (const [name, variant] of Object.entries(variants) as [keyof typeof variants, () => Promise<void>][]) {
      const started = performance.now();
      await variant();
      samples[name].push(performance.now() - started);
    }
    options.log(`image pipeline ${run}/${options.runs}: ${Object.entries(samples).map(([name, values]) => `${name} ${(values.at(-1) ?? 0).toFixed(0)} ms`).join(", ")}`);
  }
  return {
    megapixels: (SIZE.width * SIZE.height) / 1e6,
    pipelineMs: round(median(samples.pipeline), 1),
    floorMs: round(median(samples.floor), 1),
    naiveMs: round(median(samples.naive), 1),
  };
}
