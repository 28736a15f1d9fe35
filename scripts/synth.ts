/**
 * `npm run synth`: builds the functions, then synthesizes every stage into cdktf.out/ with the
 * same app `cdktf synth` runs, printing one line per step.
 */
import { relative, resolve } from "node:path";
import { createApp } from "../stacks/app";
import { buildFunctions } from "./build-functions";

export const OUTDIR = "cdktf.out";

export interface SynthOptions {
  readonly rootDir: string;
  /** @default OUTDIR below rootDir */
  readonly outdir?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** @default console.log */
  readonly log?: (line: string) => void;
}

export async function synth(options: SynthOptions): Promise<void> {
  const log = options.log ?? console.log;
  const outdir = options.outdir ?? resolve(options.rootDir, OUTDIR);
  let started = performance.now();
  log("build: bundling the functions");
  const manifest = await buildFunctions({
    rootDir: options.rootDir,
    onProgress: ({ name, artifact }) => log(`build: ${name} ${(artifact.bytes / 1024).toFixed(1)} KiB sha256:${artifact.sha256.slice(0, 12)}`),
  });
  log(`build: ${Object.keys(manifest).length} functions built in ${seconds(started)}`);
  started = performance.now();
  log("synth: declaring the stacks of every stage");
  const app = createApp({ rootDir: options.rootDir, outdir, env: options.env ?? process.env });
  app.synth();
  const stacks = app.node.children.map((child) => child.node.id).sort();
  log(`synth: ${stacks.length} stacks (${stacks.join(", ")}) in ${seconds(started)}: ${relative(options.rootDir, outdir)}/`);
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(2)}s`;
}

if (require.main === module) {
  synth({ rootDir: resolve(__dirname, "..") }).catch((error: unknown) => {
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
    process.exitCode = 1;
  });
}
