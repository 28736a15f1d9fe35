/** Synthesizes the app (every stage, or the given ones) into a directory, as stacks/main.ts does. */
import { createApp, type CreateAppOptions } from "../../stacks/app";

export interface SynthOptions extends Omit<CreateAppOptions, "env" | "manifest"> {
  readonly outdir: string;
  readonly manifest: NonNullable<CreateAppOptions["manifest"]>;
  /** @default none: the developer's own TF_STATE_BUCKET must not leak into test output */
  readonly env?: CreateAppOptions["env"];
}

export function synthStages(options: SynthOptions): void {
  createApp({ ...options, env: options.env ?? {} }).synth();
}
