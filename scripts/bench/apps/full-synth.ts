/**
 * `npm run synth` in a fresh process (build every function, synthesize every stack of every stage),
 * writing to argv[2] instead of cdktf.out/. With `--root-imports`, provider classes are loaded from
 * the package root first: the conventional way, for comparison.
 */
import { resolve } from "node:path";
import { rewriteProviderImportsToRoot } from "../root-provider-imports";
import { BenchError } from "../errors";

async function main(): Promise<void> {
  const [outdir, flag] = process.argv.slice(2);
  if (!outdir) throw new BenchError("usage", "full-synth needs the output directory as its first argument");
  const rewrite = flag === "--root-imports" ? rewriteProviderImportsToRoot() : undefined;
  // Loaded after the rewrite is installed, so the stacks' provider imports go through it.
  const { synth } = await import("../../plan/synth");
  await synth({ rootDir: resolve(__dirname, "..", "..", ".."), outdir, log: () => undefined });
  if (rewrite?.rewritten === 0) throw new BenchError("usage", "--root-imports rewrote no provider import; the conventional figure would measure nothing");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
