/**
 * The Vite build of the web app, run by build-web.ts as a child process:
 * `node --import tsx scripts/build/vite-build.ts <rootDir> <filesDir>`. Prints the absolute paths of
 * the modules bundled, as JSON, on stdout; Vite's warnings and errors go to stderr.
 */
import { join, sep } from "node:path";

const CONTRACT_DIR = ["functions", "shared", "contract", ""].join(sep);

async function viteBuild(rootDir: string, filesDir: string): Promise<string[]> {
  // import(), not a static import: tsx would turn that into require(), and Vite's bundled plugins
  // misbehave when loaded through Node's require of an ES module.
  const { build } = await import("vite");
  const output = await build({
    configFile: false,
    root: join(rootDir, "web"),
    base: "/",
    logLevel: "warn",
    mode: "production",
    // Production JSX whatever NODE_ENV says (Jest sets "test"): development JSX embeds source paths.
    oxc: { jsx: { runtime: "automatic", importSource: "preact", development: false } },
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    build: {
      outDir: filesDir,
      emptyOutDir: true,
      target: "es2022",
      sourcemap: false,
      // The CSP allows no data: URLs, and the browsers this targets all load modules natively.
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
      reportCompressedSize: false,
      rolldownOptions: {
        // The contract has no side effects (its test says it imports nothing): modules of it the
        // app does not use, such as the functions table, stay out of the bundle.
        treeshake: { moduleSideEffects: (id: string) => !id.includes(CONTRACT_DIR) },
        output: { entryFileNames: "assets/[name]-[hash].js", chunkFileNames: "assets/[name]-[hash].js", assetFileNames: "assets/[name]-[hash][extname]" },
      },
    },
  });
  const results = Array.isArray(output) ? output : [output];
  return results.flatMap((result) => ("output" in result ? result.output.flatMap((item) => ("moduleIds" in item ? item.moduleIds : [])) : []));
}

// Vite and the libraries it bundles read NODE_ENV; the build's output must not depend on the caller's.
process.env.NODE_ENV = "production";
const [rootDir, filesDir] = process.argv.slice(2);
if (!rootDir || !filesDir) {
  console.error("usage: node --import tsx scripts/build/vite-build.ts <rootDir> <filesDir>");
  process.exitCode = 2;
} else {
  viteBuild(rootDir, filesDir).then(
    (moduleIds) => process.stdout.write(JSON.stringify(moduleIds)),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    },
  );
}
