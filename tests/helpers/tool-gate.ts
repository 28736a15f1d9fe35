/**
 * The gate of suites that need a tool on the machine (terraform, Chromium): where it is missing
 * they skip, saying why, unless the environment variable that requires it is `1` (set by .ci/run),
 * where a missing tool fails them instead.
 */
export interface Tool {
  /** As the messages name it: "terraform", "Chromium". */
  readonly name: string;
  readonly installed: boolean;
  /** The variable that turns a skip into a failure, e.g. REQUIRE_TERRAFORM. */
  readonly requiredBy: string;
  /** Why it is missing and how to install it, completing "skipping <suite>: ...". */
  readonly missing: string;
}

/** A `describe` of `tool`'s gate: the suite, a failing test in its place, or a skipped suite with the reason. */
export function describeWithTool(tool: Tool, name: string, body: () => void): void {
  if (tool.installed) {
    describe(name, body);
  } else if (process.env[tool.requiredBy] === "1") {
    describe(name, () => {
      test(`${tool.name} is installed`, () => {
        throw new Error(`${tool.requiredBy}=1 but ${tool.missing}`);
      });
    });
  } else {
    console.warn(`skipping "${name}": ${tool.missing} (set ${tool.requiredBy}=1 to fail instead)`);
    describe.skip(name, body);
  }
}
