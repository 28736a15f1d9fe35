/** Synthesizes the app (every stage, or the given ones) into a directory, as stacks/main.ts does. */
import { createApp, type CreateAppOptions } from "../../stacks/app";
import { writeTestWebFiles } from "./web-artifacts";

export interface SynthOptions extends Omit<CreateAppOptions, "env" | "manifest"> {
  readonly outdir: string;
  readonly manifest: NonNullable<CreateAppOptions["manifest"]>;
  /** @default none: the developer's own TF_STATE_BUCKET must not leak into test output */
  readonly env?: CreateAppOptions["env"];
  /** @default the test web files (writeTestWebFiles) written below rootDir */
  readonly webManifest?: CreateAppOptions["webManifest"];
}

export function synthStages(options: SynthOptions): void {
  createApp({ ...options, env: options.env ?? {}, webManifest: options.webManifest ?? writeTestWebFiles(options.rootDir) }).synth();
}
