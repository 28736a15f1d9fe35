/** The smoke test's one error: its configuration is incomplete (no `step`), or a step failed (`step` names it). */
import type { SMOKE_STEPS } from "./smoke-test";

export type SmokeStep = (typeof SMOKE_STEPS)[keyof typeof SMOKE_STEPS];

export class SmokeError extends Error {
  override readonly name = "SmokeError";

  constructor(
    readonly step: SmokeStep | undefined,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(step ? `${step} failed: ${message}` : message, options);
  }
}
