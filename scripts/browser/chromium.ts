/**
 * Debian's Chromium (`which chromium`) under playwright-core, for the browser tests and the bench.
 * Never a downloaded browser: `apt-get install -y chromium` installs it.
 */
import { spawnSync } from "node:child_process";
import { chromium, type Browser, type Page } from "playwright-core";

/** The Chromium on PATH, or undefined. */
export function findChromium(): string | undefined {
  const which = spawnSync("which", ["chromium"], { encoding: "utf8" });
  return which.status === 0 && which.stdout.trim() ? which.stdout.trim() : undefined;
}

/** Flags that work on these machines: no sandbox (root), no GPU, nothing that phones home. */
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
] as const;

/** Headless Chromium with the flags above; Playwright gives every launch a fresh, temporary user-data dir. */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: [...CHROMIUM_FLAGS], headless: true });
}

/** Signs in through the app's form (DESIGN 7's names) and waits for the signed-in header. */
export async function signInThroughForm(page: Page, user: { readonly username: string; readonly password: string }): Promise<void> {
  await page.getByLabel("Email").fill(user.username);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Sign out" }).waitFor();
}
