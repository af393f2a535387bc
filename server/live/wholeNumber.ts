/** A whole number from 0 (or 1) up, written plainly: anything else is the sender's mistake. */
export function wholeNumber(raw: string | undefined, fallback: number, least: number): number | undefined {
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d{1,9}$/.test(raw)) return undefined;
  const value = Number(raw);
  return value >= least ? value : undefined;
}
