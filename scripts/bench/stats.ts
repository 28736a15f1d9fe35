/** Summaries of repeated measurements. Medians and percentiles resist the outliers a shared machine produces. */
import { BenchError } from "./errors";

function emptySample(what: string): BenchError {
  return new BenchError("measurement", `${what} of an empty sample; measure at least one run first`);
}

/** The p-th percentile (0 < p <= 100) by nearest rank: always one of the measured values. */
export function percentile(values: readonly number[], p: number): number {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile ${p} is outside (0, 100]; pass e.g. 50 or 99`);
  if (values.length === 0) throw emptySample(`p${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[rank - 1] as number;
}

/** The middle value; the mean of the two middle values for an even count. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw emptySample("median");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] as number) + upper) / 2;
}

/** Rounds to `digits` decimals, so results read as measured precision rather than float noise. */
export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
