/** Small numeric helpers for the benchmark. */

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** 12,345 */
export const thousands = (value: number) => Math.round(value).toLocaleString('en-GB');

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
