/**
 * The web app's figures (issue 13): the initial JavaScript a phone downloads, raw and gzip, per
 * asset; and in Chromium against the local stack, the time from navigation to 20 thumbnails
 * painted (on loopback, and on an emulated slow mobile network), and 10 uploads with the app's
 * concurrency against the same 10 one at a time (config.json's uploadConcurrency set to 1), with
 * a mobile network's round trips.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser, BrowserContext, CDPSession, Page } from "playwright-core";
import sharp from "sharp";
import { createApiClient } from "../../client/api";
import { login } from "../../client/cognito";
import { putFile } from "../../client/node-put";
import { uploadPhoto } from "../../client/upload-photo";
import { settleWithConcurrency } from "../../functions/shared/concurrency";
import { DEFAULT_UPLOAD_CONCURRENCY, WEB_CONFIG_FILE } from "../../functions/shared/contract";
import { WEB_FILES_DIR, WEB_OUT_DIR } from "../../packaging/web-manifest";
import { findChromium, launchChromium, signInThroughForm } from "../browser/chromium";
import { buildWeb } from "../build/build-web";
import { startLocalStack, type LocalStack } from "../local/local-stack";
import { BenchError } from "./errors";
import { runNode, tsxArgs } from "./fresh-process";
import { median, round } from "./stats";

export interface WebAsset {
  readonly file: string;
  readonly rawBytes: number;
  readonly gzipBytes: number;
  /** Loaded by index.html before the first render (scripts and module preloads). */
  readonly initial: boolean;
}

export interface WebBundleFigure {
  readonly assets: readonly WebAsset[];
  readonly initialJsRawBytes: number;
  readonly initialJsGzipBytes: number;
}

export interface NetworkConditions {
  readonly latencyMs: number;
  /** @default no limit */
  readonly downloadKbps?: number;
  /** @default no limit */
  readonly uploadKbps?: number;
}

/** A phone on a slow mobile network, as Chromium emulates it (DevTools' "Slow 4G"). */
export const SLOW_MOBILE = { latencyMs: 150, downloadKbps: 1600, uploadKbps: 750 } as const satisfies NetworkConditions;

/**
 * The uploads are timed with that network's round trips but no bandwidth cap: Chromium makes all
 * requests share one emulated cap, so a capped run times the cap (10 x 130 kB at 750 kbit/s is
 * 14 s however the app sends it), while on a real link each connection is held back by its own
 * round trips (TCP slow start), which concurrency overlaps.
 */
export const MOBILE_ROUND_TRIPS = { latencyMs: SLOW_MOBILE.latencyMs } as const satisfies NetworkConditions;

export interface WebBrowserFigure {
  readonly thumbnails: number;
  /** Median over the runs: navigation start to every one of the first `thumbnails` images decoded, on loopback. */
  readonly thumbnailsPaintedMs: number;
  readonly slowMobile: NetworkConditions;
  /** The same on the emulated slow mobile network. */
  readonly thumbnailsPaintedSlowMobileMs: number;
  readonly uploads: number;
  readonly uploadBytes: number;
  readonly concurrency: number;
  readonly uploadNetwork: NetworkConditions;
  /** Median time from "Upload" to every file "Ready", with the app's concurrency and with one at a time. */
  readonly concurrentMs: number;
  readonly sequentialMs: number;
}

/** The built app's JS and CSS, with which of them the first page load fetches. */
export async function measureWebBundle(rootDir: string): Promise<WebBundleFigure> {
  const { manifest } = await buildWeb({ rootDir });
  const filesDir = join(rootDir, WEB_OUT_DIR, WEB_FILES_DIR);
  const html = readFileSync(join(filesDir, "index.html"), "utf8");
  const initialFiles = new Set([...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/([^"]+)"/g)].map((match) => match[1]));
  const assets = Object.keys(manifest)
    .filter((file) => /\.(js|css)$/.test(file))
    .map((file) => {
      const bytes = readFileSync(join(filesDir, file));
      return { file, rawBytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length, initial: initialFiles.has(file) };
    });
  const initialJs = assets.filter((asset) => asset.initial && asset.file.endsWith(".js"));
  if (initialJs.length === 0) throw new BenchError("measurement", "index.html loads no script; the web build is broken, run `npm run build`");
  return {
    assets,
    initialJsRawBytes: initialJs.reduce((sum, asset) => sum + asset.rawBytes, 0),
    initialJsGzipBytes: initialJs.reduce((sum, asset) => sum + asset.gzipBytes, 0),
  };
}

export interface WebBrowserOptions {
  readonly workDir: string;
  readonly thumbnails: number;
  readonly uploads: number;
  /** Runs of each measurement; the median is reported. */
  readonly runs: number;
  readonly log: (line: string) => void;
}

/**
 * The browser figures, measured in a fresh process (this file run by itself): the local stack's
 * handler host is one per process, and the bench's own harness already holds this one's.
 */
export async function measureWebInBrowserProcess(rootDir: string, options: Omit<WebBrowserOptions, "log"> & { readonly log: (line: string) => void }): Promise<WebBrowserFigure> {
  options.log(`web: ${options.thumbnails} thumbnails and ${options.uploads} uploads in Chromium, ${options.runs} runs each (a fresh process)`);
  const { log, ...settings } = options;
  // The figure comes back in a file: the handlers log to stdout.
  const figureFile = join(options.workDir, "figure.json");
  await runNode(tsxArgs(join("scripts", "bench", "web.ts"), JSON.stringify(settings), figureFile), { cwd: rootDir });
  const figure = JSON.parse(readFileSync(figureFile, "utf8")) as WebBrowserFigure;
  log(`web: thumbnails painted after ${figure.thumbnailsPaintedMs} ms (slow mobile ${figure.thumbnailsPaintedSlowMobileMs} ms); uploads ${figure.concurrentMs} ms (${figure.concurrency} at a time) vs ${figure.sequentialMs} ms (one at a time)`);
  return figure;
}

export async function measureWebInBrowser(options: WebBrowserOptions): Promise<WebBrowserFigure> {
  const chromium = findChromium();
  if (!chromium) throw new BenchError("measurement", "no Chromium for the web figures; install it with `apt-get install -y chromium`");
  const stack = await startLocalStack({ dataDir: join(options.workDir, "stack"), port: 0, fresh: true, log: () => undefined });
  let browser: Browser | undefined;
  try {
    const attendee = stack.stack.users[1] as LocalStack["stack"]["users"][number];
    const image = await noisePng(240, 180, 1);
    const imagePath = join(options.workDir, "photo.png");
    writeFileSync(imagePath, image);
    options.log(`web: seeding ${options.thumbnails} photos`);
    await seedPhotos(stack, attendee, imagePath, image.length, options.thumbnails);

    browser = await launchChromium(chromium);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
    const eventUrl = `${stack.stack.webUrl}/events/${stack.stack.events[0]}`;
    const page = await context.newPage();
    await page.goto(eventUrl);
    await signInThroughForm(page, attendee);

    const painted: Record<"loopback" | "slowMobile", number[]> = { loopback: [], slowMobile: [] };
    for (let run = 0; run < 2 * options.runs; run++) {
      const network = run % 2 === 0 ? "loopback" : "slowMobile";
      await emulate(context, page, network === "slowMobile" ? SLOW_MOBILE : undefined);
      await page.goto(eventUrl);
      // Runs in the page (a function: the app's CSP refuses strings to evaluate): the time since
      // navigation once the first images are all decoded.
      const handle = await page.waitForFunction(
        (count) => {
          const { document, performance } = globalThis as unknown as PageGlobals;
          const images = [...document.querySelectorAll('ul[aria-label="Photos"] img')].slice(0, count);
          return images.length === count && images.every((image) => image.complete && image.naturalWidth > 0) ? performance.now() : false;
        },
        options.thumbnails,
        { polling: "raf", timeout: 120_000 },
      );
      painted[network].push(Number(await handle.jsonValue()));
      options.log(`web: ${options.thumbnails} thumbnails painted after ${Math.round(painted[network].at(-1) as number)} ms (${network})`);
    }
    await page.close();

    const files = Array.from({ length: options.uploads }, (_, index) => ({ name: `upload-${index}.png`, mimeType: "image/png", buffer: image }));
    const timings: Record<"concurrent" | "sequential", number[]> = { concurrent: [], sequential: [] };
    for (let run = 0; run < options.runs; run++) {
      // Alternated, so a busy moment on the machine costs both modes alike.
      for (const mode of ["concurrent", "sequential"] as const) {
        const concurrency = mode === "concurrent" ? DEFAULT_UPLOAD_CONCURRENCY : 1;
        timings[mode].push(await timeUploads(context, eventUrl, files, concurrency, MOBILE_ROUND_TRIPS));
        options.log(`web: ${options.uploads} uploads, ${concurrency} at a time: ${Math.round(timings[mode].at(-1) as number)} ms`);
      }
    }
    return {
      thumbnails: options.thumbnails,
      thumbnailsPaintedMs: round(median(painted.loopback), 0),
      slowMobile: SLOW_MOBILE,
      thumbnailsPaintedSlowMobileMs: round(median(painted.slowMobile), 0),
      uploads: options.uploads,
      uploadBytes: image.length,
      uploadNetwork: MOBILE_ROUND_TRIPS,
      concurrency: DEFAULT_UPLOAD_CONCURRENCY,
      concurrentMs: round(median(timings.concurrent), 0),
      sequentialMs: round(median(timings.sequential), 0),
    };
  } finally {
    await browser?.close();
    await stack.stop();
  }
}

/** The page's globals as the functions evaluated in it use them (this module has no DOM types; a type costs nothing at run time). */
type PageGlobals = {
  readonly document: { querySelectorAll(selector: string): Iterable<{ complete: boolean; naturalWidth: number; textContent: string | null }> };
  readonly performance: { now(): number };
};

/** Uploads through the API as the app would, several at once, so the event has photos to show. */
async function seedPhotos(stack: LocalStack, user: { username: string; password: string }, file: string, size: number, count: number): Promise<void> {
  const tokens = await login({ region: "us-east-1", cognitoEndpoint: stack.stack.auth.cognitoEndpoint, clientId: stack.stack.auth.clientId, ...user });
  const api = createApiClient({ apiUrl: stack.stack.apiUrl, token: () => tokens.idToken });
  const results = await settleWithConcurrency(
    Array.from({ length: count }, (_, index) => index),
    4,
    (index: number) => uploadPhoto({ api, eventId: stack.stack.events[0] as string, title: `Seeded ${index}`, contentType: "image/png", contentLength: size, put: putFile(file, size), pollIntervalMs: 100 }),
  );
  const failed = results.find((result) => result.status === "rejected" || result.value.status !== "ready");
  if (failed) throw new BenchError("measurement", `seeding the event's photos failed: ${JSON.stringify(failed)}; run npm start and upload by hand to see why`);
}

/** One DevTools session per page: each session's emulation applies, so a second one could not lift the first's. */
const sessions = new WeakMap<Page, CDPSession>();

/**
 * The page's network: `conditions` emulated, or loopback as it is (undefined); the HTTP cache off,
 * so every run fetches what a first visit fetches. The session stays open: closing it would end
 * the emulation.
 */
async function emulate(context: BrowserContext, page: Page, conditions: NetworkConditions | undefined): Promise<void> {
  let session = sessions.get(page);
  if (!session) {
    session = await context.newCDPSession(page);
    sessions.set(page, session);
    await session.send("Network.enable");
    await session.send("Network.setCacheDisabled", { cacheDisabled: true });
  }
  await session.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: conditions?.latencyMs ?? 0,
    // -1: no limit.
    downloadThroughput: conditions?.downloadKbps ? (conditions.downloadKbps * 1000) / 8 : -1,
    uploadThroughput: conditions?.uploadKbps ? (conditions.uploadKbps * 1000) / 8 : -1,
  });
}

/** Milliseconds from clicking "Upload" to every file showing "Ready", with config.json's uploadConcurrency set to `concurrency`. */
async function timeUploads(
  context: BrowserContext,
  eventUrl: string,
  files: { name: string; mimeType: string; buffer: Buffer }[],
  concurrency: number,
  network: NetworkConditions,
): Promise<number> {
  const page = await context.newPage();
  try {
    await page.route(`**/${WEB_CONFIG_FILE}`, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...(await response.json()), uploadConcurrency: concurrency } });
    });
    await emulate(context, page, network);
    await page.goto(eventUrl);
    await page.getByLabel("Add photos").setInputFiles(files);
    const started = Date.now();
    await page.getByRole("button", { name: "Upload", exact: true }).click();
    const readyCount = (count: number) => [...(globalThis as unknown as PageGlobals).document.querySelectorAll('[role="status"]')].filter((status) => status.textContent === "Ready").length === count;
    await page.waitForFunction(readyCount, files.length, {
      polling: 50,
      timeout: 300_000,
    });
    const elapsed = Date.now() - started;
    const refused = await page.getByRole("alert").allTextContents();
    if (refused.length > 0) throw new BenchError("measurement", `an upload failed in the browser: ${refused.join("; ")}`);
    return elapsed;
  } finally {
    await page.close();
  }
}

/**
 * A PNG of pseudo-random pixels from `seed` (the same seed, the same bytes): unlike a solid
 * colour's, its bytes do not deflate away, so it weighs what a photo of its size would.
 */
async function noisePng(width: number, height: number, seed: number): Promise<Buffer> {
  let state = seed >>> 0 || 1;
  const pixels = Buffer.alloc(width * height * 3);
  for (let index = 0; index < pixels.length; index++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    pixels[index] = state >>> 24;
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

if (require.main === module) {
  // Run by measureWebInBrowserProcess: argv holds the settings as JSON and the file the figure goes to.
  const [settings = "{}", figureFile = ""] = process.argv.slice(2);
  measureWebInBrowser({ ...(JSON.parse(settings) as Omit<WebBrowserOptions, "log">), log: (line) => console.error(line) }).then(
    (figure) => writeFileSync(figureFile, JSON.stringify(figure)),
    (error: unknown) => {
      console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
      process.exitCode = 1;
    },
  );
}

