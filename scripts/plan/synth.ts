/**
 * `npm run synth`: builds the functions and the web app (reusing each last build when nothing it
 * was made from changed), then synthesizes every stage into cdktf.out/ with the same app `cdktf synth` runs,
 * printing one line per step.
 */
import { relative, resolve } from "node:path";
import { buildFunctions, formatProgress, formatSeconds } from "../build/build-functions";
import { buildWeb } from "../build/build-web";

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
  log("build: bundling the functions unless up to date");
  const manifest = await buildFunctions({ rootDir: options.rootDir, onProgress: (progress) => log(`build: ${formatProgress(progress)}`) });
  log(`build: ${Object.keys(manifest).length} functions ready in ${formatSeconds(performance.now() - started)}`);
  started = performance.now();
  const web = await buildWeb({ rootDir: options.rootDir });
  log(`build: web app ${web.upToDate ? "up to date" : "built"} (${Object.keys(web.manifest).length} files) in ${formatSeconds(performance.now() - started)}`);

  started = performance.now();
  log("synth: declaring the stacks of every stage");
  // Under tsx, Node maps every stack trace through source maps, and it decodes the inline source
  // map of every cdktf and provider module as it loads; cdktf captures a stack trace for each token
  // it creates. Off while the stacks load and synthesize: this process reports errors by message.
  const sourceMaps = process.sourceMapsEnabled;
  process.setSourceMapsEnabled(false);
  try {
    const { createApp } = await import("../../stacks/app");
    const app = createApp({ rootDir: options.rootDir, outdir, env: options.env ?? process.env, manifest, webManifest: web.manifest });
    app.synth();
    const stacks = app.node.children.map((child) => child.node.id).sort();
    log(`synth: ${stacks.length} stacks (${stacks.join(", ")}) in ${formatSeconds(performance.now() - started)}: ${relative(options.rootDir, outdir)}/`);
  } finally {
    process.setSourceMapsEnabled(sourceMaps);
  }
}

if (require.main === module) {
  synth({ rootDir: resolve(__dirname, "..", "..") }).catch((error: unknown) => {
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
    process.exitCode = 1;
  });
}
