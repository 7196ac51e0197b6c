/**
 * What a field is for on a business document, read from the words of its name, title and description: the
 * issuer, the customer, their addresses, the currency, an amount (a total, a subtotal, a tax), or a date. A
 * role lets the extractor look for a value that no label names (the letterhead is the vendor) and check that a
 * value fits (a total is a number, not the words `Sales Incl GST`).
 *
 * @module
 */
import { labelWords } from '../grounding/labels.js';
import type { LabelForm } from './label-match.js';
import type { FieldMeaning, ScalarField, ValueType } from './schema-fields.js';

/** A role a field of a business document plays. */
export type FieldRole =
  | 'vendor'
  | 'vendor-address'
  | 'customer'
  | 'customer-address'
  | 'currency'
  | 'total'
  | 'subtotal'
  | 'tax'
  | 'amount'
  | 'date';

// Canonical words (`labelWords`: lowercase, singular) that name each party.
const VENDOR_WORDS = new Set([
  'vendor',
  'seller',
  'supplier',
  'company',
  'merchant',
  'store',
  'shop',
  'issuer',
  'biller',
  'provider',
  'business',
  'retailer',
  'restaurant',
]);
// Nouns for the customer, and the words of the labels of its block (`Bill To`, `Sold To`).
const CUSTOMER_NOUNS = new Set(['customer', 'buyer', 'client', 'purchaser', 'recipient', 'consignee']);
const CUSTOMER_WORDS = new Set([...CUSTOMER_NOUNS, 'billed', 'bill', 'ship', 'sold']);
const TAX_WORDS = new Set(['tax', 'vat', 'gst', 'sst', 'hst', 'pst']);
const RATE_WORDS = new Set(['rate', 'percent', 'percentage']);
const IDENTIFIER_WORDS = new Set(['number', 'code', 'registration', 'reg']);
const COUNT_WORDS = new Set(['quantity', 'qty', 'count', 'piece', 'pc', 'pcs']);
const TOTAL_WORDS = new Set(['total', 'due', 'grand', 'balance', 'payable', 'paid']);
const AMOUNT_WORDS = new Set(['amount', 'price', 'cost', 'fee', 'charge', 'sum']);
// A description says what the field is in its first words (`The store that issued the receipt`); later words
// tell about it (`… as the seller wrote it`) and would give a note field the seller's role.
const DESCRIPTION_SUBJECT_WORDS = 6;

/**
 * The role `field` plays, from the words of its name and title, else of its description; `undefined` for a
 * field none of the roles fits (an invoice number, a note).
 *
 * @example
 * ```ts
 * fieldRole(vendorAddressField); // 'vendor-address' (from `vendor_address`)
 * fieldRole(companyField);       // 'vendor' (from `company`, or a description `The store that issued it`)
 * ```
 */
export function fieldRole(field: ScalarField): FieldRole | undefined {
  // Values are read many times per field: its role is worked out once.
  if (!roles.has(field)) roles.set(field, roleOfMeaning(field.meaning, field.type));
  return roles.get(field);
}

function roleOfMeaning(meaning: FieldMeaning, type: ValueType): FieldRole | undefined {
  return (
    roleOfWords(meaning.names, type) ??
    roleOfWords(meaning.description.slice(0, DESCRIPTION_SUBJECT_WORDS), type)
  );
}

const roles = new WeakMap<ScalarField, FieldRole | undefined>();

/**
 * Whether a party field asks for the party's name (`customer`, `vendor_name`, `company`), one line, rather
 * than the block a label such as `Bill To` heads (`bill_to`), name and address together.
 *
 * @example
 * ```ts
 * isPartyName(customerField); // true
 * isPartyName(billToField);   // false
 * ```
 */
export function isPartyName(field: ScalarField): boolean {
  const role = fieldRole(field);
  if (role !== 'vendor' && role !== 'customer') return false;
  const names = field.meaning.names;
  return names.includes('name') || names.some((word) => VENDOR_WORDS.has(word) || CUSTOMER_NOUNS.has(word));
}

// The labels documents print for a role's value, whatever the schema calls the field (canonical words).
const ROLE_LABELS: Partial<Record<FieldRole, readonly string[]>> = {
  total: [
    'total',
    'amount due',
    'total due',
    'grand total',
    'balance due',
    'total amount',
    'amount payable',
    'total payable',
  ],
  subtotal: ['subtotal', 'sub total', 'net total', 'total before tax', 'net amount', 'total excl tax'],
  tax: ['tax', 'vat', 'gst', 'sst', 'hst', 'sales tax', 'tax amount', 'total tax'],
  date: ['date', 'invoice date', 'issue date', 'date of issue', 'issued', 'dated', 'receipt date'],
  currency: ['currency'],
};
// A date field may take a document's `Date` label only when its name says no more than which document's date
// it is: `due_date` or `delivery_date` must be labelled as such.
const DOCUMENT_DATE_WORDS = new Set([
  'date',
  'invoice',
  'receipt',
  'issue',
  'issued',
  'document',
  'transaction',
  'purchase',
  'bill',
  'order',
  'sale',
  'sales',
]);
// Role labels count for as much as a description's.
const ROLE_LABEL_WEIGHT = 0.9;

/**
 * The label forms a document gives a field of this type and meaning for its role (`Amount Due` for a total,
 * `Issued` for an invoice's date), at a weight below the field's own names.
 *
 * @example
 * ```ts
 * roleLabels('number', { names: ['total'], description: [] }).map((form) => form.words.join(' ')); // ['total', 'amount due', ...]
 * ```
 */
export function roleLabels(type: ValueType, meaning: FieldMeaning): LabelForm[] {
  const role = roleOfMeaning(meaning, type);
  if (role === undefined) return [];
  if (role === 'date' && !meaning.names.every((word) => DOCUMENT_DATE_WORDS.has(word))) return [];
  return (ROLE_LABELS[role] ?? []).map((label) => ({ words: labelWords(label), weight: ROLE_LABEL_WEIGHT }));
}

/** Whether a role's value is an amount of money. */
export function isAmountRole(role: FieldRole | undefined): boolean {
  return role === 'total' || role === 'subtotal' || role === 'tax' || role === 'amount';
}

function roleOfWords(words: readonly string[], type: ValueType): FieldRole | undefined {
  const has = (set: ReadonlySet<string>) => words.some((word) => set.has(word));
  if (words.length === 0) return undefined;
  const numeric = type === 'number' || type === 'integer';
  if (words.includes('address')) {
    if (has(CUSTOMER_WORDS)) return 'customer-address';
    return 'vendor-address';
  }
  if (words.includes('currency')) return 'currency';
  if (type === 'date' || type === 'date-time' || (!numeric && words.includes('date'))) return 'date';
  // Identifiers, rates and counts (`vendor_tax_id`, `tax_rate`, `total_quantity`) play no role here.
  if (has(IDENTIFIER_WORDS) || has(RATE_WORDS) || has(COUNT_WORDS)) return undefined;
  if (words.includes('subtotal') || (words.includes('sub') && words.includes('total'))) return 'subtotal';
  if (has(TAX_WORDS)) return 'tax';
  if (has(TOTAL_WORDS)) return 'total';
  if (has(AMOUNT_WORDS)) return 'amount';
  if (numeric) return undefined;
  if (has(CUSTOMER_WORDS)) return 'customer';
  if (has(VENDOR_WORDS)) return 'vendor';
  return undefined;
}
