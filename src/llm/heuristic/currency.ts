/**
 * The currency a document's amounts are in, from the ISO 4217 codes and symbols written next to them
 * (`GBP 53,078.13`, `€ 12.00`, `RM 8.50`).
 *
 * @module
 */
import { parseNumberReadings } from '../grounding/numbers.js';
import type { Block, DocumentLayout } from './page-layout.js';

/** The currency found, how sure that is (0..1), and the block it was read from first. */
export interface FoundCurrency {
  readonly code: string;
  readonly certainty: number;
  readonly block: Block;
}

// Codes of the currencies documents are most often in; a three-letter word outside this list (`ABC`) is more
// likely part of a product code than a currency.
const ISO_CODES = new Set([
  'USD',
  'EUR',
  'GBP',
  'JPY',
  'CNY',
  'CHF',
  'CAD',
  'AUD',
  'NZD',
  'HKD',
  'SGD',
  'MYR',
  'IDR',
  'THB',
  'PHP',
  'VND',
  'INR',
  'PKR',
  'KRW',
  'TWD',
  'SEK',
  'NOK',
  'DKK',
  'PLN',
  'CZK',
  'HUF',
  'RON',
  'TRY',
  'ZAR',
  'BRL',
  'MXN',
  'ARS',
  'CLP',
  'COP',
  'AED',
  'SAR',
  'ILS',
  'EGP',
  'NGN',
  'KES',
  'RUB',
  'UAH',
  'ISK',
]);
// Symbols by the currency they name without doubt. A bare `$` names a dozen dollars, so it counts for less.
const SYMBOLS: ReadonlyMap<string, string> = new Map([
  ['£', 'GBP'],
  ['€', 'EUR'],
  ['₹', 'INR'],
  ['₩', 'KRW'],
  ['₽', 'RUB'],
  ['₺', 'TRY'],
  ['₪', 'ILS'],
  ['¥', 'JPY'],
  ['RM', 'MYR'],
  ['US$', 'USD'],
  ['A$', 'AUD'],
  ['AU$', 'AUD'],
  ['C$', 'CAD'],
  ['CA$', 'CAD'],
  ['NZ$', 'NZD'],
  ['S$', 'SGD'],
  ['HK$', 'HKD'],
  ['R$', 'BRL'],
  ['Rp', 'IDR'],
  ['$', 'USD'],
]);
// How sure each kind of evidence makes the reading.
const CODE_CERTAINTY = 0.85;
const SYMBOL_CERTAINTY = 0.7;
const DOLLAR_CERTAINTY = 0.4;
// A code or symbol against digits (`£12.00`, `12.00EUR`), or apart from them by spaces (`GBP 12.00`).
const MARKED_AMOUNT = /^(\D{0,3}?)\s*[-+(]?\d[\d,.'\s]*\d?\)?\s*(\D{0,3}?)$/u;

/**
 * The currency most of the document's marked amounts are in: each word or pair of words that reads as an
 * amount with an ISO code or a currency symbol on it counts for its currency; the most counted wins (a code
 * before a symbol, a bare `$` last). `undefined` when no amount is marked.
 *
 * @example
 * ```ts
 * findCurrency(textLayout('Total   GBP 53,078.13'))?.code; // 'GBP'
 * ```
 */
export function findCurrency(layout: DocumentLayout): FoundCurrency | undefined {
  const counts = new Map<string, { count: number; certainty: number; block: Block }>();
  for (const block of layout.blocks) {
    if (block.selected !== undefined) continue;
    for (const mark of marksOf(block.text)) {
      const known = counts.get(mark.code);
      counts.set(mark.code, {
        count: (known?.count ?? 0) + 1,
        certainty: Math.max(known?.certainty ?? 0, mark.certainty),
        block: known?.block ?? block,
      });
    }
  }
  let best: FoundCurrency | undefined;
  let bestWeight = 0;
  for (const [code, { count, certainty, block }] of counts) {
    const weight = count * certainty;
    if (weight > bestWeight) {
      best = { code, certainty, block };
      bestWeight = weight;
    }
  }
  return best;
}

/**
 * The currency a short text names: an ISO code, a symbol, or an amount marked with either.
 *
 * @example
 * ```ts
 * currencyOf('GBP');    // 'GBP'
 * currencyOf('€12.00'); // 'EUR'
 * currencyOf('Total');  // undefined
 * ```
 */
export function currencyOf(text: string): string | undefined {
  const trimmed = text.trim();
  if (ISO_CODES.has(trimmed.toUpperCase()) && /^\p{L}{3}$/u.test(trimmed)) return trimmed.toUpperCase();
  return SYMBOLS.get(trimmed) ?? marksOf(trimmed)[0]?.code;
}

// The currency marks of the amounts in a text: `GBP 12.00` and `12.00 GBP` (a code apart from its amount),
// `£12.00`, `12.00€`.
function marksOf(text: string): { code: string; certainty: number }[] {
  const words = text.split(/\s+/).filter((word) => word !== '');
  const marks: { code: string; certainty: number }[] = [];
  words.forEach((word, index) => {
    if (!/\d/.test(word)) {
      const code = word.toUpperCase();
      const besideAmount = () => isAmount(words[index + 1]) || isAmount(words[index - 1]);
      if (ISO_CODES.has(code) && /^\p{Lu}{3}$/u.test(word) && besideAmount()) {
        marks.push({ code, certainty: CODE_CERTAINTY });
      } else if (SYMBOLS.has(word) && isAmount(words[index + 1])) {
        marks.push(symbolMark(word));
      }
      return;
    }
    const attached = MARKED_AMOUNT.exec(word);
    if (attached === null || parseNumberReadings(word).length === 0) return;
    for (const mark of [attached[1], attached[2]]) {
      if (mark === undefined || mark === '') continue;
      if (ISO_CODES.has(mark)) marks.push({ code: mark, certainty: CODE_CERTAINTY });
      else if (SYMBOLS.has(mark)) marks.push(symbolMark(mark));
    }
  });
  return marks;
}

function symbolMark(symbol: string): { code: string; certainty: number } {
  return {
    code: SYMBOLS.get(symbol) as string,
    certainty: symbol === '$' ? DOLLAR_CERTAINTY : SYMBOL_CERTAINTY,
  };
}

function isAmount(word: string | undefined): boolean {
  return word !== undefined && /\d/.test(word) && parseNumberReadings(word).length > 0;
}
