/**
 * How well a label that names an amount field fits it once the label's other words are read: `Total Items`
 * counts goods, not money; `Total` in a GST summary table totals the tax's base, not the bill.
 *
 * @module
 */
import { labelWords } from '../grounding/labels.js';
import type { FieldRole } from './field-roles.js';
import type { Block, DocumentLayout } from './page-layout.js';
import type { ScalarField } from './schema-fields.js';

// Canonical words (`labelWords`) of labels that count things rather than sum money.
const COUNT_WORDS = new Set([
  'qty',
  'quantity',
  'item',
  'count',
  'piece',
  'pc',
  'pcs',
  'unit',
  'number',
  'line',
]);
const TAX_WORDS = new Set(['tax', 'vat', 'gst', 'sst', 'hst', 'pst']);
// Words saying the tax is inside the amount: `Total Sales Incl GST` is the bill's total.
const INCLUSIVE_WORDS = new Set(['incl', 'inclusive', 'including', 'inc', 'with', 'after']);
// How far above a label a tax summary's heading is looked for, in rows.
const SUMMARY_ROWS = 4;
// What a total's label in a tax summary, or naming a tax, keeps of its score: it may still be the only one.
const TAX_TOTAL_FIT = 0.5;

/**
 * How well the label in `block`'s first `labelEnd` words fits an amount field playing `role`, 0..1: 0 for a
 * label that counts things (`Total Qty`, `# Items Sold`) unless the field's own labels count too; for a total
 * or subtotal, half for a label naming a tax without saying it is included (`Total GST`) or one standing in a
 * tax summary (under a `GST Summary` heading); else 1.
 *
 * @example
 * ```ts
 * amountLabelFit(totalField, 'total', block('Total Items: 4'), 2, layout); // 0
 * amountLabelFit(totalField, 'total', block('Total: 12.50'), 1, layout);   // 1
 * ```
 */
export function amountLabelFit(
  field: ScalarField,
  role: FieldRole,
  block: Block,
  labelEnd: number,
  layout: DocumentLayout,
): number {
  const own = new Set(field.labels.flatMap((form) => form.words));
  const label = labelWords(
    block.words
      .slice(0, labelEnd)
      .map((word) => word.text)
      .join(' '),
  );
  if (label.some((word) => COUNT_WORDS.has(word) && !own.has(word))) return 0;
  if (role !== 'total' && role !== 'subtotal') return 1;
  const namesTax = label.some((word) => TAX_WORDS.has(word) && !own.has(word));
  if (namesTax && !label.some((word) => INCLUSIVE_WORDS.has(word))) return TAX_TOTAL_FIT;
  return inTaxSummary(layout, block) ? TAX_TOTAL_FIT : 1;
}

// Whether a heading naming a tax summary (`GST Summary`, `VAT Analysis`) stands a few rows above the block.
function inTaxSummary(layout: DocumentLayout, block: Block): boolean {
  for (let row = block.row - 1; row >= Math.max(0, block.row - SUMMARY_ROWS); row--) {
    const above = layout.rows[row];
    if (above === undefined || above.page !== block.page) return false;
    for (const id of above.blocks) {
      const words = labelWords(layout.blocks[id]?.text ?? '');
      if (
        words.some((word) => TAX_WORDS.has(word)) &&
        words.some((word) => word === 'summary' || word === 'analysis')
      ) {
        return true;
      }
    }
  }
  return false;
}
