/**
 * Reading numbers the way documents write them: grouping separators, decimal commas, currency
 * marks, accounting negatives and percentages.
 *
 * @module
 */

// A currency mark before or after the amount (`$`, `US$`, `€`), or a code apart from it (`USD 10`, `10 EUR`):
// a code written against the digits is more likely a product code (`ABC123`) than a currency.
const SYMBOL = '[A-Z]{0,3}[$€£¥₹₩₽₺₪¢]';
// Currencies written with letters against the amount: Malaysian ringgit `RM8.50`, rupiah `Rp5.000`, rupees `Rs.100`.
const LETTER_SYMBOL = '(?:RM|Rp|Rs\\.?)';
const LEADING_CURRENCY = new RegExp(`^(?:${SYMBOL}\\s*|${LETTER_SYMBOL}\\s*|[A-Z]{3}\\s+)`, 'u');
const TRAILING_CURRENCY = new RegExp(`(?:\\s*${SYMBOL}|\\s+[A-Z]{3})$`, 'u');
// Grouping marks besides `,` and `.`: apostrophes (Swiss) and no-break or thin spaces (French) between digit
// groups. A plain space is not one: `2 100.00` is more often a quantity beside a price than 2100.
const OTHER_GROUPING = /(?<=\d)['’\u00a0\u2009\u202f](?=\d{3}(?!\d))/gu;
// Digits with optional grouping in threes: the shape of the integer part once the decimal part is cut off.
const GROUPED_INTEGER = /^\d{1,3}(?:[,.]\d{3})+$/;

/**
 * Every number `text` can stand for: one reading, or two for a percentage (`15%` is 15 or 0.15, whichever the
 * model wrote), or none when it is not a number. Separators are read as follows: with both `,` and `.`, the
 * last one is the decimal mark (`1,234.50`, `1.234,50`); several of one kind group thousands (`1.234.567`);
 * a single `,` followed by three digits groups thousands (`1,234`), otherwise it is a decimal comma
 * (`12,50`); a single `.` is a decimal point.
 *
 * @example
 * ```ts
 * parseNumberReadings('$56,651.49'); // [56651.49]
 * parseNumberReadings('(12.00)');    // [-12]
 * parseNumberReadings('1.234,50 €'); // [1234.5]
 * parseNumberReadings('15%');        // [15, 0.15]
 * parseNumberReadings('Total');      // []
 * ```
 */
export function parseNumberReadings(text: string): number[] {
  let rest = text.replace(OTHER_GROUPING, '').normalize('NFKC').trim().replaceAll('−', '-');
  if (!/\d/.test(rest)) return [];
  let negative = false;
  if (rest.startsWith('(') && rest.endsWith(')')) {
    negative = true;
    rest = rest.slice(1, -1).trim();
  }
  const percent = rest.endsWith('%');
  if (percent) rest = rest.slice(0, -1).trim();
  // The sign may stand on either side of the currency mark: `-$12`, `$-12`, and accountants' trailing `12-`.
  for (let pass = 0; pass < 2; pass++) {
    if (/^[-+]/.test(rest)) {
      negative ||= rest.startsWith('-');
      rest = rest.slice(1).trim();
    }
    if (rest.endsWith('-')) {
      negative = true;
      rest = rest.slice(0, -1).trim();
    }
    rest = rest.replace(LEADING_CURRENCY, '').replace(TRAILING_CURRENCY, '');
  }
  const magnitude = parseUnsigned(rest);
  if (magnitude === undefined) return [];
  const value = negative ? -magnitude : magnitude;
  return percent ? [value, value / 100] : [value];
}

/**
 * A canonical string for a number, so that readings of the same amount compare equal as map keys despite
 * floating-point noise (`0.1 + 0.2` and `0.3` share a key).
 *
 * @example
 * ```ts
 * numberKey(56651.49); // '56651.49'
 * numberKey(0.1 + 0.2) === numberKey(0.3); // true
 * ```
 */
export function numberKey(value: number): string {
  return String(Number(value.toPrecision(12)) || 0);
}

function parseUnsigned(body: string): number | undefined {
  if (!/^\d[\d,.]*$/.test(body) || /[,.]$/.test(body)) return undefined;
  const decimalAt = decimalMarkIndex(body);
  const integer = decimalAt < 0 ? body : body.slice(0, decimalAt);
  const fraction = decimalAt < 0 ? '' : body.slice(decimalAt + 1);
  if (/[,.]/.test(fraction)) return undefined;
  if (/[,.]/.test(integer) && !GROUPED_INTEGER.test(integer)) return undefined;
  return Number(`${integer.replace(/[,.]/g, '')}.${fraction || '0'}`);
}

// Where the decimal mark is, or -1 when every separator groups thousands.
function decimalMarkIndex(body: string): number {
  const lastComma = body.lastIndexOf(',');
  const lastDot = body.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) return Math.max(lastComma, lastDot);
  const mark = lastComma >= 0 ? ',' : '.';
  const at = Math.max(lastComma, lastDot);
  if (at < 0 || body.indexOf(mark) !== at) return -1;
  if (mark === '.') return at;
  return GROUPED_INTEGER.test(body) ? -1 : at;
}
