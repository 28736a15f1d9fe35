/**
 * A web app build for stack tests, written without Vite: a few files whose content a test may
 * change, recorded with the same describeWebFile the real build uses.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { WEB_FILES_DIR, WEB_OUT_DIR, describeWebFile, type WebManifest } from "../../packaging/web-manifest";

export const TEST_WEB_FILES: Readonly<Record<string, string>> = {
  "index.html": '<!doctype html><script type="module" src="/assets/index-a1.js"></script>',
  "assets/index-a1.js": "console.log('app');\n",
  "assets/index-b2.css": "body { margin: 0 }\n",
  "favicon.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
};

/** Writes the files (TEST_WEB_FILES with `changes` applied) below `rootDir`/dist/web/files and returns their manifest. */
export function writeTestWebFiles(rootDir: string, changes: Readonly<Record<string, string>> = {}): WebManifest {
  const files = { ...TEST_WEB_FILES, ...changes };
  const manifest: Record<string, WebManifest[string]> = {};
  for (const [path, content] of Object.entries(files)) {
    const location = join(rootDir, WEB_OUT_DIR, WEB_FILES_DIR, path);
    mkdirSync(dirname(location), { recursive: true });
    writeFileSync(location, content);
    manifest[path] = describeWebFile(path, Buffer.from(content));
  }
  return manifest;
}
