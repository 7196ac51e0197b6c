/**
 * Whether a value fits its field: text that is itself a label (of the page, or a name the schema gives a
 * field) is no value; an amount is a number, a date a date, a currency a currency, a party's name has letters.
 *
 * @module
 */
import { appendTo } from '../grounding/append-to.js';
import { parseDate } from '../grounding/dates.js';
import { labelWords } from '../grounding/labels.js';
import { comparisonKey, textWords } from '../grounding/normalize.js';
import { parseNumberReadings } from '../grounding/numbers.js';
import { currencyOf } from './currency.js';
import { type FieldRole, isAmountRole } from './field-roles.js';
import { endsWithColon } from './label-match.js';
import type { Block, DocumentLayout } from './page-layout.js';
import type { Choice, ScalarField } from './schema-fields.js';
import type { IsLabelBlock } from './value-places.js';

// Words that invoices and receipts label things with (canonical, see `labelWords`): a text made of these
// alone is a label (`Sales Incl GST`, `Cashier`, `Amount Due`), whatever the schema calls its fields.
const LABEL_WORDS = new Set([
  'total',
  'subtotal',
  'sub',
  'grand',
  'net',
  'gross',
  'amount',
  'amt',
  'due',
  'balance',
  'paid',
  'payment',
  'tax',
  'vat',
  'gst',
  'sst',
  'hst',
  'incl',
  'inclusive',
  'excl',
  'exclusive',
  'including',
  'excluding',
  'of',
  'sales',
  'sale',
  'rounding',
  'round',
  'adj',
  'adjustment',
  'discount',
  'change',
  'cash',
  'card',
  'tender',
  'tendered',
  'credit',
  'debit',
  'visa',
  'mastercard',
  'cashier',
  'server',
  'table',
  'receipt',
  'invoice',
  'bill',
  'date',
  'time',
  'number',
  'qty',
  'quantity',
  'item',
  'description',
  'price',
  'unit',
  'rate',
  'code',
  'summary',
  'customer',
  'member',
  'ref',
  'reference',
  'terminal',
  'no',
  'doc',
  'document',
  'to',
  'from',
  'thank',
  'you',
  'and',
  'the',
  'for',
  'in',
  'sr',
  'zr',
  'charge',
  'service',
  'fee',
  'pay',
  'points',
  'sig',
  'signature',
  'signed',
]);

/** Tells whether a text is a label rather than a value. */
export type IsLabelText = (text: string) => boolean;

/**
 * A test of whether a text is label-like: without digits, it is the label part of a label block of the page
 * (`Cashier:`), or all its words are label words, the schema's (`labels`) or those invoices and receipts use.
 *
 * @example
 * ```ts
 * const isLabelText = labelTextTest(layout, isLabel, fields);
 * isLabelText('Sales Incl GST'); // true
 * isLabelText('Harbour Lane Stationers Ltd'); // false
 * ```
 */
export function labelTextTest(
  layout: DocumentLayout,
  isLabel: IsLabelBlock,
  fields: readonly ScalarField[],
): IsLabelText {
  const schemaWords = new Set(fields.flatMap((field) => field.labels.flatMap((form) => form.words)));
  let labelParts: Map<string, Block[]> | undefined;
  return (text) => {
    if (/\d/.test(text)) return false;
    // Only the blocks whose label part reads as the text are asked whether they are labels.
    labelParts ??= blocksByLabelPart(layout);
    if (labelParts.get(comparisonKey(text))?.some(isLabel)) return true;
    const words = labelWords(text);
    return words.length > 0 && words.every((word) => LABEL_WORDS.has(word) || schemaWords.has(word));
  };
}

// The text blocks by the comparison key of the part a label would be: the text up to a colon, or all of it.
function blocksByLabelPart(layout: DocumentLayout): Map<string, Block[]> {
  const parts = new Map<string, Block[]>();
  for (const block of layout.blocks) {
    if (block.selected !== undefined) continue;
    const colon = block.words.findIndex((word) => endsWithColon(word.text));
    const words = colon < 0 ? block.words : block.words.slice(0, colon + 1);
    appendTo(parts, comparisonKey(words.map((word) => word.text).join(' ')), block);
  }
  return parts;
}

/**
 * Whether `value`, read for `field` (playing `role`), fits it: a string is no label; a string that holds an
 * amount has a number in it, one that holds a date a date, one that holds a currency a currency; a party's name
 * or address has letters.
 *
 * @example
 * ```ts
 * valueFits(totalStringField, 'total', 'Sales Incl GST', isLabelText); // false
 * valueFits(companyField, 'vendor', 'MEGA MARKET PLUS', isLabelText);  // true
 * ```
 */
export function valueFits(
  field: ScalarField,
  role: FieldRole | undefined,
  value: Choice,
  isLabelText: IsLabelText,
): boolean {
  if (typeof value !== 'string' || field.choices !== undefined) return true;
  if (isLabelText(value)) return false;
  if (isAmountRole(role)) return textWords(value).some((word) => !word.includes('%') && hasNumber(word));
  switch (role) {
    case 'date':
      return hasDate(value);
    case 'currency':
      return currencyOf(value) !== undefined || /^\p{L}{3}$/u.test(value);
    case 'vendor':
    case 'customer':
    case 'vendor-address':
    case 'customer-address':
      return /\p{L}{2}/u.test(value);
    default:
      return true;
  }
}

function hasNumber(word: string): boolean {
  return parseNumberReadings(word).length > 0;
}

// A date in the text, written in up to four words (`Sunday, June 18th, 2017`).
function hasDate(text: string): boolean {
  const words = textWords(text);
  for (let start = 0; start < words.length; start++) {
    for (let end = start + 1; end <= Math.min(words.length, start + 4); end++) {
      if (parseDate(words.slice(start, end).join(' ')) !== undefined) return true;
    }
  }
  return false;
}
