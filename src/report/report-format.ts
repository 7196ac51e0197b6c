/**
 * How the report writes numbers, money and values.
 *
 * @module
 */

/** `0.936` → `94%`. */
export function formatPercent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** `0.0123` → `$0.0123`: batch costs are often fractions of a cent. */
export function formatCost(usd: number): string {
  return `$${usd.toFixed(4)}`;
}

/** `3, 'page'` → `3 pages`. */
export function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** An extracted value as the reader should see it: strings as they are, anything else as JSON. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  return value === undefined ? '' : JSON.stringify(value);
}
