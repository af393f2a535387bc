import { thousands as grouped } from '../../src/schema/limits';

/** Small numeric helpers for the benchmark. */

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** 12,345: rounded, then grouped as the app groups its own numbers. */
export const thousands = (value: number) => grouped(Math.round(value));

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The value at or below which `share` (0 to 1) of the values lie (nearest rank). */
export function percentile(values: number[], share: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))]!;
}
