/**
 * Browser test gate and launcher: playwright-core drives Debian's Chromium (`which chromium`; never
 * a downloaded browser). Suites skip, saying why, where it is not installed, unless
 * REQUIRE_BROWSER=1 (set by .ci/run), where a missing Chromium fails them.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { findChromium, launchChromium as launch } from "../../scripts/browser/chromium";
import { describeWithTool, type Tool } from "./tool-gate";

export const chromiumPath = findChromium();

/** Screenshots the browser tests keep (git-ignored), one per page and viewport. */
export const SCREENSHOTS_DIR = join(__dirname, "..", "..", "test-artifacts", "screenshots");

export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 860 },
} as const;

const CHROMIUM: Tool = {
  name: "Chromium",
  installed: chromiumPath !== undefined,
  requiredBy: "REQUIRE_BROWSER",
  missing: "`which chromium` finds nothing; install it with `apt-get install -y chromium`",
};

/** `describe` when Chromium can run, otherwise a skipped (or, where required, failing) suite with the reason. */
export function describeWithBrowser(name: string, body: () => void): void {
  describeWithTool(CHROMIUM, name, body);
}

/** The Chromium the gate found (scripts/browser/chromium.ts: its flags, a fresh user-data dir). */
export function launchChromium(): Promise<Browser> {
  return launch(chromiumPath as string);
}

/** A context of its own (storage, cookies) at a viewport, for one user. */
export function newContext(browser: Browser, viewport: keyof typeof VIEWPORTS): Promise<BrowserContext> {
  return browser.newContext({ viewport: VIEWPORTS[viewport], deviceScaleFactor: 1, ...(viewport === "phone" && { isMobile: true, hasTouch: true }) });
}

/** Saves the whole page as test-artifacts/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS_DIR, `${name}.png`), fullPage: true });
}

/**
 * Collects what the page reports as broken, uncaught script errors and CSP refusals, so a test can
 * assert there was none. (Error answers the app expects, a 415 or a refused password, are logged as
 * console errors too, so other console errors are not problems.)
 */
export function collectPageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) problems.push(`CSP: ${message.text()}`);
  });
  return problems;
}

/**
 * Retries `assertion` until it passes or `timeoutMs` runs out, then throws its last failure: the
 * page updates asynchronously, and playwright-core has no retrying `expect` of its own.
 */
export async function eventually(assertion: () => unknown, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
