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
