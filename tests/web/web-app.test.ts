/**
 * The web app in Chromium against `npm start` (a child process), driven as a person would: by
 * role and accessible name only (DESIGN 7). Steps run in order on one local stack; each keeps a
 * screenshot in test-artifacts/screenshots/.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { createApiClient, type Photo } from "../../client/api";
import { login } from "../../client/cognito";
import { putFile } from "../../client/node-put";
import { uploadPhoto } from "../../client/upload-photo";
import { LIMITS } from "../../functions/shared/contract";
import { signInThroughForm } from "../../scripts/browser/chromium";
import { findFreePort } from "../../scripts/local/ports";
import { readStackFile, type StackFile } from "../../scripts/local/stack-file";
import { collectPageProblems, describeWithBrowser, eventually, launchChromium, newContext, screenshot } from "../helpers/browser";
import { makeImage, notAnImage } from "../helpers/images";
import { spawnStack, type StackProcess } from "../helpers/local-stack-process";

jest.setTimeout(120_000);

const EVENT = "demo-event";
const EVENT_NAME = "Demo event";
const png = async (name: string, r: number, g: number, b: number) => ({ name, mimeType: "image/png", buffer: await makeImage("image/png", { width: 480, height: 320, colour: { r, g, b } }) });
const testImages = () => Promise.all([png("harbour.png", 30, 90, 160), png("meadow.png", 60, 150, 70), png("sunset.png", 230, 120, 40)]);
const TITLES = ["harbour", "meadow", "sunset"];

describeWithBrowser("the web app in Chromium", () => {
  let dataDir: string;
  let stackProcess: StackProcess;
  let stack: StackFile;
  let browser: Browser;
  let attendee: { context: BrowserContext; page: Page; problems: string[] };
  // stack.json lists the organizer, the attendee and the non-attendee, in that order (DESIGN 6).
  const user = (index: number) => () => stack.users[index] as StackFile["users"][number];
  const [organizerUser, attendeeUser, visitorUser] = [user(0), user(1), user(2)];

  async function openAs(viewport: "phone" | "desktop", path = "/") {
    const context = await newContext(browser, viewport);
    const page = await context.newPage();
    const problems = collectPageProblems(page);
    await page.goto(`${stack.webUrl}${path}`);
    return { context, page, problems };
  }

  /** The API's view, through the same client the app uses. */
  async function apiAs(user: StackFile["users"][number]) {
    const tokens = await login({ region: "us-east-1", cognitoEndpoint: stack.auth.cognitoEndpoint, clientId: stack.auth.clientId, username: user.username, password: user.password });
    return createApiClient({ apiUrl: stack.apiUrl, token: () => tokens.idToken });
  }

  async function listedPhotos(): Promise<Photo[]> {
    return (await (await apiAs(attendeeUser())).listPhotos(EVENT, { limit: 100 })).photos;
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "web-app-e2e-"));
    stackProcess = spawnStack(dataDir, await findFreePort());
    await stackProcess.ready;
    stack = readStackFile(join(dataDir, "stack.json"));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    if (stackProcess?.child.exitCode === null) {
      stackProcess.child.kill("SIGTERM");
      await stackProcess.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("serves the app with the security headers and the SPA fallback, and 404 for a missing file", async () => {
    const page = await fetch(`${stack.webUrl}/events/${EVENT}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(page.headers.get("content-security-policy")).toContain(`connect-src 'self' ${stack.apiUrl} ${stack.auth.cognitoEndpoint}`);
    expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(page.headers.get("strict-transport-security")).toMatch(/^max-age=\d+/);
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    expect(await page.text()).toContain('<div id="app">');
    expect((await fetch(`${stack.webUrl}/assets/missing.js`)).status).toBe(404);
    expect(await (await fetch(`${stack.webUrl}/config.json`)).json()).toEqual({
      apiUrl: stack.apiUrl,
      region: "us-east-1",
      userPoolId: stack.auth.userPoolId,
      clientId: stack.auth.clientId,
      cognitoEndpoint: stack.auth.cognitoEndpoint,
      photosOrigin: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
    });
  });

  test("a wrong password shows an alert; the right one shows my events", async () => {
    attendee = await openAs("phone");
    const { page } = attendee;
    await page.getByLabel("Email").fill(attendeeUser().username);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await eventually(async () => expect(await page.getByRole("alert").textContent()).toBe("Incorrect email or password."));
    await screenshot(page, "sign-in-wrong-password-phone");

    await page.getByLabel("Password").fill(attendeeUser().password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await eventually(async () => expect(await page.getByRole("link", { name: EVENT_NAME }).getAttribute("href")).toBe(`/events/${EVENT}`));
    await screenshot(page, "my-events-phone");
  });

  test("uploads three images at once, with a progressbar each, then Ready and their thumbnails", async () => {
    const { page } = attendee;
    await page.getByRole("link", { name: EVENT_NAME }).click();
    await page.getByRole("heading", { level: 1, name: EVENT_NAME }).waitFor();
    await page.getByLabel("Add photos").setInputFiles(await testImages());
    const titles = page.getByRole("textbox", { name: "Title", exact: true });
    await eventually(async () => expect(await titles.evaluateAll((inputs) => inputs.map((input) => (input as unknown as { value: string }).value))).toEqual(TITLES));
    await page.getByRole("textbox", { name: "Description", exact: true }).nth(2).fill("Über dem Hafen, à l’aube");

    // Hold the PUTs to storage: all three are in flight at once, each with its progressbar.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(
      (url) => url.origin === new URL(stack.s3.endpoint).origin,
      async (route) => {
        await held;
        await route.continue();
      },
    );
    await page.getByRole("button", { name: "Upload", exact: true }).click();
    await eventually(async () => expect(await page.getByRole("progressbar").count()).toBe(3));
    await screenshot(page, "uploading-phone");
    release();
    await page.unroute(() => true);

    await eventually(async () => expect(await page.getByText("Ready", { exact: true }).count()).toBe(3), 30_000);
    expect(await page.getByRole("progressbar").count()).toBe(0);
    const photos = await listedPhotos();
    expect(photos.map((photo) => photo.title).sort()).toEqual(TITLES);
    expect(photos.find((photo) => photo.title === "sunset")?.description).toBe("Über dem Hafen, à l’aube");
    for (const photo of photos) {
      expect(await page.getByRole("img", { name: photo.title, exact: true }).getAttribute("src")).toBe(photo.thumbnailUrl);
    }
    await page.getByText("Über dem Hafen, à l’aube").waitFor();
    await screenshot(page, "event-after-upload-phone");
  });

  test("a file that is not an image is refused with the server's own message", async () => {
    const { page } = attendee;
    const attendeeApi = await apiAs(attendeeUser());
    // What the API says to the same request, word for word.
    const refusal = await attendeeApi.initiateUpload(EVENT, { title: "notes", contentType: "text/plain" as "image/png", contentLength: 64 }).catch((error: { body?: { error?: { message?: string } } }) => error.body?.error?.message);
    expect(refusal).toEqual(expect.stringContaining("text/plain"));

    await page.getByLabel("Add photos").setInputFiles([{ name: "notes.txt", mimeType: "text/plain", buffer: notAnImage(64) }]);
    await page.getByRole("button", { name: "Upload", exact: true }).click();
    await eventually(async () => expect(await page.getByRole("alert").textContent()).toBe(refusal));
    expect(await page.getByText("Ready", { exact: true }).count()).toBe(3);
  });

  test("a reload keeps the session and shows the photos, newest first", async () => {
    const { page } = attendee;
    await page.reload();
    await page.getByRole("heading", { level: 1, name: EVENT_NAME }).waitFor();
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    const listed = await listedPhotos();
    const grid = page.getByRole("list", { name: "Photos" }).getByRole("img");
    await eventually(async () => expect(await grid.evaluateAll((images) => images.map((image) => image.getAttribute("alt")))).toEqual(listed.map((photo) => photo.title)));
    await screenshot(page, "event-page-phone");
  });

  test("the larger view shows the display variant", async () => {
    const { page } = attendee;
    const [newest] = await listedPhotos();
    await page.getByRole("link", { name: newest?.title, exact: true }).click();
    const dialog = page.getByRole("dialog", { name: newest?.title });
    await eventually(async () => expect(await dialog.getByRole("img", { name: newest?.title }).getAttribute("src")).toBe(newest?.url));
    await screenshot(page, "photo-view-phone");
    await dialog.getByRole("button", { name: "Close" }).click();
    await eventually(async () => expect({ dialogs: await page.getByRole("dialog").count(), url: page.url() }).toEqual({ dialogs: 0, url: `${stack.webUrl}/events/${EVENT}` }));
  });

  test("a non-attendee sees no upload control but a status saying so, after a deep link through sign-in", async () => {
    const visitor = await openAs("desktop", `/events/${EVENT}`);
    await signInThroughForm(visitor.page, visitorUser());
    await visitor.page.getByRole("heading", { level: 1, name: EVENT_NAME }).waitFor();
    await visitor.page.getByRole("status").filter({ hasText: "not registered" }).waitFor();
    await visitor.page.getByRole("list", { name: "Photos" }).waitFor();
    expect(await visitor.page.getByLabel("Add photos").count()).toBe(0);
    expect(await visitor.page.getByRole("button", { name: /^Delete / }).count()).toBe(0);
    await screenshot(visitor.page, "event-not-registered-desktop");
    expect(visitor.problems).toEqual([]);
    await visitor.context.close();
  });

  test("the organizer deletes a photo and registers attendees by email; the new attendee can upload", async () => {
    const organizer = await openAs("desktop");
    const { page } = organizer;
    await signInThroughForm(page, organizerUser());
    await page.getByRole("link", { name: EVENT_NAME }).click();
    await eventually(async () => expect(await page.getByRole("list", { name: "Photos" }).getByRole("img").count()).toBe(3));
    await screenshot(page, "event-page-organizer-desktop");

    await page.getByRole("button", { name: "Delete meadow" }).click();
    await eventually(async () => expect(await page.getByRole("img", { name: "meadow" }).count()).toBe(0));
    expect((await listedPhotos()).map((photo) => photo.title).sort()).toEqual(["harbour", "sunset"]);

    await page.getByLabel("Emails").fill(`${visitorUser().username}, nobody@example.com`);
    await page.getByRole("button", { name: "Register" }).click();
    const report = page.getByRole("region", { name: "Attendees" }).getByRole("status");
    await eventually(async () => expect(await report.textContent()).toContain(`Registered: ${visitorUser().username}`));
    expect(await report.textContent()).toContain("Not found (no account with this email): nobody@example.com");
    await screenshot(page, "attendees-registered-desktop");
    expect(organizer.problems).toEqual([]);
    await organizer.context.close();

    const visitor = await openAs("phone", `/events/${EVENT}`);
    await signInThroughForm(visitor.page, visitorUser());
    await visitor.page.getByLabel("Add photos").setInputFiles([await png("lighthouse.png", 200, 200, 210)]);
    await visitor.page.getByRole("button", { name: "Upload", exact: true }).click();
    await visitor.page.getByText("Ready", { exact: true }).waitFor({ timeout: 30_000 });
    await visitor.page.getByRole("img", { name: "lighthouse" }).waitFor();
    // The uploader may delete their own photo, and only theirs.
    expect(await visitor.page.getByRole("button", { name: /^Delete / }).allTextContents()).toEqual(["Delete"]);
    await visitor.page.getByRole("button", { name: "Delete lighthouse" }).waitFor();
    await visitor.context.close();
  });

  test("the grid shows a page of photos, newest first, and Load more appends the next page", async () => {
    const attendeeApi = await apiAs(attendeeUser());
    const image = await makeImage("image/png", { width: 120, height: 80 });
    const file = join(dataDir, "seed.png");
    writeFileSync(file, image);
    // A page and a few more: the ones already uploaded, and seeded ones one after the other, so each is newer than the last.
    const before = (await listedPhotos()).length;
    for (let index = 0; before + index < LIMITS.listDefaultLimit + 2; index++) {
      const seeded = await uploadPhoto({ api: attendeeApi, eventId: EVENT, title: `Seeded ${index}`, contentType: "image/png", contentLength: image.length, put: putFile(file, image.length), pollIntervalMs: 100 });
      expect(seeded.status).toBe("ready");
    }
    const all = await listedPhotos();
    expect(all.length).toBe(LIMITS.listDefaultLimit + 2);

    const { page, problems } = attendee;
    await page.goto(`${stack.webUrl}/events/${EVENT}`);
    const grid = page.getByRole("list", { name: "Photos" });
    await eventually(async () => expect(await grid.getByRole("img").count()).toBe(LIMITS.listDefaultLimit));
    expect(await grid.getByRole("img").first().getAttribute("alt")).toBe(all[0]?.title);
    await page.getByRole("button", { name: "Load more" }).click();
    await eventually(async () => expect(await grid.getByRole("img").count()).toBe(all.length));
    expect(await grid.getByRole("img").evaluateAll((images) => images.map((image) => image.getAttribute("alt")))).toEqual(all.map((photo) => photo.title));
    expect(await page.getByRole("button", { name: "Load more" }).count()).toBe(0);
    expect(problems).toEqual([]);
  });

  test("sign out clears the session, also after a reload", async () => {
    const { page, problems, context } = attendee;
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    await page.reload();
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    expect(await page.getByRole("button", { name: "Sign out" }).count()).toBe(0);
    expect(await page.evaluate("Object.keys(localStorage)")).toEqual([]);
    await screenshot(page, "sign-in-phone");
    expect(problems).toEqual([]);
    await context.close();
  });
});
