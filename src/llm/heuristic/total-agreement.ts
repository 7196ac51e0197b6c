/**
 * Whether a total agrees with the amounts it totals: the items above it (a receipt's lines), or a subtotal and
 * a tax found for the same document. Of several totals, one that adds up is the bill's.
 *
 * @module
 */
import { numberKey, parseNumberReadings } from '../grounding/numbers.js';
import type { DocumentLayout } from './page-layout.js';

// How many rows above a total its items are looked for in.
const MAX_ITEM_ROWS = 60;
// An amount has cents (`12.50`): a quantity or a code (`4`, `1477`) is no item's price.
const AMOUNT = /\d[.,]\d{2}(?!\d)/u;

/**
 * A test of whether a total, read from the block `block`, agrees with what it totals: it equals the sum of
 * the amounts that end the rows just above it (one per row, summed from the nearest row up, as far as the
 * rows hold amounts), or a subtotal plus a tax among `subtotals` × `taxes`.
 *
 * @example
 * ```ts
 * const agrees = totalAgreement(layout, [1699.96], [110.5]);
 * agrees(1810.46, totalBlock); // true
 * ```
 */
export function totalAgreement(
  layout: DocumentLayout,
  subtotals: readonly number[],
  taxes: readonly number[],
): (value: number, block: number) => boolean {
  const parts = new Set(subtotals.flatMap((subtotal) => taxes.map((tax) => numberKey(subtotal + tax))));
  return (value, block) => {
    const key = numberKey(value);
    return parts.has(key) || itemSums(layout, block).has(key);
  };
}

// The running sums of the amounts ending the rows above the block's row, nearest first, over the rows in a run
// that end in an amount (the items), starting at the first such row above.
function itemSums(layout: DocumentLayout, blockId: number): Set<string> {
  const block = layout.blocks[blockId];
  const sums = new Set<string>();
  if (block === undefined) return sums;
  let sum = 0;
  let started = false;
  for (let row = block.row - 1; row >= Math.max(0, block.row - MAX_ITEM_ROWS); row--) {
    const above = layout.rows[row];
    if (above === undefined || above.page !== block.page) break;
    const last = layout.blocks[above.blocks.at(-1) ?? -1];
    const amount = last !== undefined && AMOUNT.test(last.text) ? lastAmount(last.text) : undefined;
    if (amount === undefined) {
      if (started) break;
      continue;
    }
    started = true;
    sum += amount;
    sums.add(numberKey(sum));
  }
  return sums;
}

function lastAmount(text: string): number | undefined {
  const words = text.split(/\s+/).filter((word) => AMOUNT.test(word));
  const last = words.at(-1);
  return last === undefined ? undefined : parseNumberReadings(last)[0];
}
