/**
 * Synth time, each run a fresh process under tsx (as `npm run synth` runs):
 * - full: build every function and synthesize every stack of every stage (apps/full-synth.ts);
 * - floor: one S3 bucket with a deep provider import, the least any cdktf synth pays (apps/floor-synth.ts);
 * - conventional: the full synth again, with provider classes loaded from the package root.
 * Runs rotate through the three variants, so a busy neighbour slows all of them alike.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { runNode, tsxArgs } from "./fresh-process";
import { median, round } from "./stats";

export interface SynthFigure {
  readonly fullSeconds: number;
  readonly floorSeconds: number;
  readonly conventionalSeconds: number;
}

export interface SynthOptions {
  readonly rootDir: string;
  /** Output directories of the runs go below it. */
  readonly workDir: string;
  readonly runs: number;
  readonly log: (line: string) => void;
}

const VARIANTS = {
  full: (outdir: string) => tsxArgs("scripts/bench/apps/full-synth.ts", outdir),
  floor: (outdir: string) => tsxArgs("scripts/bench/apps/floor-synth.ts", outdir),
  conventional: (outdir: string) => tsxArgs("scripts/bench/apps/full-synth.ts", outdir, "--root-imports"),
} as const;

type Variant = keyof typeof VARIANTS;

export async function measureSynth(options: SynthOptions): Promise<SynthFigure> {
  const seconds: Record<Variant, number[]> = { full: [], floor: [], conventional: [] };
  mkdirSync(options.workDir, { recursive: true });
  for (let run = 1; run <= options.runs; run += 1) {
    for (const variant of Object.keys(VARIANTS) as Variant[]) {
      const outdir = join(options.workDir, `${variant}-${run}`);
      const { wallMs } = await runNode(VARIANTS[variant](outdir), { cwd: options.rootDir });
      seconds[variant].push(wallMs / 1000);
      options.log(`synth ${run}/${options.runs} ${variant}: ${(wallMs / 1000).toFixed(2)} s`);
    }
  }
  return {
    fullSeconds: round(median(seconds.full), 2),
    floorSeconds: round(median(seconds.floor), 2),
    conventionalSeconds: round(median(seconds.conventional), 2),
  };
}
