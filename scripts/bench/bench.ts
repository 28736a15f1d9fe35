/**
 * `npm run bench` (issue 6): measures every figure next to its baseline in one run, prints a line per
 * run, writes bench-results.json (git-ignored) and the generated section of BENCHMARKS.md, and
 * exits non-zero when a figure could not be measured (a missed target is reported, not an error).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { measureColdStarts } from "./cold-start";
import { startHandlerHarness } from "./handler-harness";
import { measureImagePipeline } from "./image-pipeline";
import { measureList } from "./list";
import { measureLoad } from "./load";
import { machineInfo } from "./machine";
import { measurePixelLimitMemory } from "./pixel-limit-memory";
import { measurePresign } from "./presign";
import { measureProcessor } from "./processor";
import { measureRegistration } from "./registration";
import { renderGeneratedSection, replaceGeneratedSection } from "./report";
import { validateResults } from "./results";
import { measureSynth } from "./synth";
import { checkTargets } from "./targets";
import { measureWebBundle, measureWebInBrowserProcess } from "./web";

const RESULTS_FILE = "bench-results.json";
const REPORT_FILE = "BENCHMARKS.md";

/** Run counts: the minimums, sized so the whole bench stays under 5 minutes on 2 busy cores. */
const RUNS = {
  synth: 3,
  coldStart: 5,
  presignRequests: 1000,
  presignWarmup: 20,
  processorRecords: 100,
  processorRounds: 2,
  listSmall: 100,
  listLarge: 10_000,
  listRequests: 50,
  registrationEmails: 100,
  registrationOtherUsers: 400,
  imagePipeline: 7,
  // A few hundred requests in flight at once against npm start; 300 initiates stay under the default upload quota of 500.
  loadRequestsPerRoute: 300,
  loadConnectionsPerRoute: 100,
  webThumbnails: 20,
  webUploads: 10,
  webRuns: 3,
} as const;

async function main(): Promise<void> {
  const rootDir = resolve(__dirname, "..", "..");
  const workDir = mkdtempSync(join(tmpdir(), "event-photos-bench-"));
  const started = performance.now();
  const log = (line: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(3)}s] ${line}`);
  try {
    const machine = machineInfo();
    log(`bench on ${machine.cpuModel}, ${machine.cores} cores, node ${machine.node}`);
    const synth = await measureSynth({ rootDir, workDir: join(workDir, "synth"), runs: RUNS.synth, log });
    const coldStart = await measureColdStarts({ rootDir, workDir: join(workDir, "cold-start"), runs: RUNS.coldStart, log });
    const imagePipeline = await measureImagePipeline({ runs: RUNS.imagePipeline, log });
    const pixelLimitMemory = await measurePixelLimitMemory({ rootDir, workDir, log });

    const harness = await startHandlerHarness(join(workDir, "harness"));
    let handlerFigures;
    try {
      const presign = await measurePresign(harness, { requests: RUNS.presignRequests, warmup: RUNS.presignWarmup, log });
      const processor = await measureProcessor(harness, { records: RUNS.processorRecords, rounds: RUNS.processorRounds, log });
      const list = await measureList(harness, { smallPhotos: RUNS.listSmall, largePhotos: RUNS.listLarge, requests: RUNS.listRequests, log });
      const registration = await measureRegistration(harness, { emails: RUNS.registrationEmails, otherUsers: RUNS.registrationOtherUsers, log });
      handlerFigures = { presign, processor, list, registration };
    } finally {
      await harness.stop();
    }
    const load = await measureLoad({ workDir, requestsPerRoute: RUNS.loadRequestsPerRoute, connectionsPerRoute: RUNS.loadConnectionsPerRoute, log });

    const web = {
      bundle: await measureWebBundle(rootDir),
      browser: await measureWebInBrowserProcess(rootDir, { workDir: join(workDir, "web"), thumbnails: RUNS.webThumbnails, uploads: RUNS.webUploads, runs: RUNS.webRuns, log }),
    };

    const results = validateResults({ machine, synth, coldStart, imagePipeline, pixelLimitMemory, ...handlerFigures, load, web });
    writeFileSync(join(rootDir, RESULTS_FILE), `${JSON.stringify(results, null, 2)}\n`);
    const targets = checkTargets(results);
    const reportPath = join(rootDir, REPORT_FILE);
    const report = existsSync(reportPath) ? readFileSync(reportPath, "utf8") : "# Benchmarks\n";
    writeFileSync(reportPath, replaceGeneratedSection(report, renderGeneratedSection(results, targets)));

    for (const target of targets) {
      log(`${target.met ? "met   " : "MISSED"} ${target.name}: ${target.formula} = ${target.value.toFixed(2)} (target ${target.comparison} ${target.limit})`);
    }
    log(`wrote ${RESULTS_FILE} and ${REPORT_FILE}`);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exitCode = 1;
});
