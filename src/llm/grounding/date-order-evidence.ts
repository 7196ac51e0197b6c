/**
 * Which way a document writes all-numeric dates (`08/04/2018`), from its own evidence: a date that proves
 * it (a day over 12), else a locale the user gave, else the currency, phone numbers and country the page shows.
 *
 * @module
 */
import { type DateOrder, numericDateOrder } from './dates.js';

/** Where the order was read from; `none` when nothing said, and month-first was assumed. */
export type DateOrderSource = 'dates' | 'locale' | 'document' | 'none';

/** A date order and what it rests on. */
export interface DateOrderEvidence {
  readonly order: DateOrder;
  readonly source: DateOrderSource;
}

// Currencies (codes and symbols) of countries writing the day first, and of the one writing the month first.
const DAY_FIRST_CURRENCIES = new Set([
  'GBP',
  'EUR',
  'MYR',
  'RM',
  'SGD',
  'S$',
  'AUD',
  'A$',
  'NZD',
  'NZ$',
  'INR',
  '₹',
  'ZAR',
  'HKD',
  'HK$',
  'IDR',
  'Rp',
  'THB',
  'BRL',
  'R$',
  '£',
  '€',
]);
const MONTH_FIRST_CURRENCIES = new Set(['USD', 'US$']);
// Words naming a country, or a company form, of day-first countries; and of the United States.
const DAY_FIRST_WORDS = new Set([
  'malaysia',
  'singapore',
  'uk',
  'australia',
  'india',
  'germany',
  'france',
  'bhd',
  'gmbh',
  'sarl',
  'pty',
  'ireland',
  'indonesia',
  'deutschland',
]);
const MONTH_FIRST_WORDS = new Set(['usa', 'u.s.a.']);
const US_STATES = new Set(
  'AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC'.split(
    ' ',
  ),
);
// International dialling codes of day-first countries; North American numbers (`+1`, `800-532-2918`).
const DAY_FIRST_PHONE = /^\+(?:44|60|61|62|65|66|91|33|49|353|64|27)\d*/u;
const MONTH_FIRST_PHONE = /^(?:\+1\b|\(?\d{3}\)?[-.]\d{3}[-.]\d{4}$)/u;
// How much each kind of sign counts: a currency is written on every amount, and says most.
const CURRENCY_WEIGHT = 2;
const OTHER_WEIGHT = 1;
// A bare `$` is a dozen currencies, most of them writing the month first only in the United States.
const DOLLAR_WEIGHT = 0.5;

/**
 * The date order of a document's words: the order its numeric dates prove by a part over 12, when any do;
 * else `locale`'s (`en-GB` day-first, `en-US` month-first); else the order the currency, phone numbers and
 * country on the page suggest; else month-first, with source `none`.
 *
 * @example
 * ```ts
 * dateOrderEvidence([{ text: 'RM' }, { text: '8.50' }, { text: '08/04/2018' }]); // { order: 'day-first', source: 'document' }
 * dateOrderEvidence([{ text: '08/04/2018' }], 'en-GB');                          // { order: 'day-first', source: 'locale' }
 * ```
 */
export function dateOrderEvidence(
  words: readonly { readonly text: string }[],
  locale?: string,
): DateOrderEvidence {
  let dayFirst = 0;
  let monthFirst = 0;
  for (const word of words) {
    const order = numericDateOrder(word.text);
    if (order === 'day-first') dayFirst++;
    else if (order === 'month-first') monthFirst++;
  }
  if (dayFirst !== monthFirst)
    return { order: dayFirst > monthFirst ? 'day-first' : 'month-first', source: 'dates' };
  const fromLocale = locale === undefined ? undefined : localeDateOrder(locale);
  if (fromLocale !== undefined) return { order: fromLocale, source: 'locale' };
  const signs = documentSigns(words);
  if (signs.dayFirst !== signs.monthFirst) {
    return { order: signs.dayFirst > signs.monthFirst ? 'day-first' : 'month-first', source: 'document' };
  }
  return { order: 'month-first', source: 'none' };
}

/**
 * The order a locale writes numeric dates in, or `undefined` when the runtime does not know the locale.
 *
 * @example
 * ```ts
 * localeDateOrder('en-GB'); // 'day-first'
 * localeDateOrder('en-US'); // 'month-first'
 * localeDateOrder('ms-MY'); // 'day-first'
 * ```
 */
export function localeDateOrder(locale: string): DateOrder | undefined {
  try {
    const parts = new Intl.DateTimeFormat(locale, { timeZone: 'UTC' }).formatToParts(Date.UTC(2000, 10, 22));
    const day = parts.findIndex((part) => part.type === 'day');
    const month = parts.findIndex((part) => part.type === 'month');
    if (day < 0 || month < 0) return undefined;
    return day < month ? 'day-first' : 'month-first';
  } catch {
    return undefined;
  }
}

// The weight of the signs for each order among the words: currencies, phone numbers, countries and US states.
function documentSigns(words: readonly { readonly text: string }[]): {
  dayFirst: number;
  monthFirst: number;
} {
  let dayFirst = 0;
  let monthFirst = 0;
  words.forEach((word, index) => {
    const text = word.text.replace(/[,;:]$/u, '');
    const mark = currencyMark(text);
    if (mark !== undefined && DAY_FIRST_CURRENCIES.has(mark)) dayFirst += CURRENCY_WEIGHT;
    else if (mark !== undefined && MONTH_FIRST_CURRENCIES.has(mark)) monthFirst += CURRENCY_WEIGHT;
    else if (mark === '$') monthFirst += DOLLAR_WEIGHT;
    if (DAY_FIRST_PHONE.test(text) || DAY_FIRST_WORDS.has(text.toLowerCase())) dayFirst += OTHER_WEIGHT;
    if (MONTH_FIRST_PHONE.test(text) || MONTH_FIRST_WORDS.has(text.toLowerCase())) monthFirst += OTHER_WEIGHT;
    // `Chicago, IL` or `Denver, CO 80202`: a state after a comma.
    if (US_STATES.has(text) && words[index - 1]?.text.endsWith(',')) monthFirst += OTHER_WEIGHT;
  });
  return { dayFirst, monthFirst };
}

// The currency code or symbol a word is, or that marks the amount it is (`£12.00`, `RM8.50`, `12.00€`).
function currencyMark(text: string): string | undefined {
  if (/^\p{Lu}{3}$/u.test(text)) return text;
  const match = /^([^\d\s(+-]{1,3})?[(+-]?\d[\d,.]*\)?([^\d\s]{1,3})?$/u.exec(text);
  if (match !== null) return match[1] ?? match[2];
  return /^(?:[£€$₹]|RM|Rp|[A-Z]{1,2}\$)$/u.test(text) ? text : undefined;
}
