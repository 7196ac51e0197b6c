/**
 * Text normalization for grounding: the forms in which an extracted value and OCR text are compared
 * when case, accents, spacing, punctuation or OCR's letter-for-digit slips should not matter.
 *
 * @module
 */

/**
 * Lowercase letters and digits only, accents dropped: two texts with the same key differ only in case,
 * accents, spacing and punctuation.
 *
 * @example
 * ```ts
 * comparisonKey('Redmond, WA'); // 'redmondwa'
 * comparisonKey('INV-1001');    // 'inv1001'
 * ```
 */
export function comparisonKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * A value's text as whitespace-separated words, the unit OCR reports text in.
 *
 * @example
 * ```ts
 * textWords(' 1 Redmond way\n6000 Redmond, WA '); // ['1', 'Redmond', 'way', '6000', 'Redmond,', 'WA']
 * ```
 */
export function textWords(text: string): string[] {
  const trimmed = text.trim();
  return trimmed === '' ? [] : trimmed.split(/\s+/);
}

// The letters OCR engines read in place of a digit, by the digit they stand for.
const DIGIT_LOOKALIKES: ReadonlyMap<string, string> = new Map([
  ['o', '0'],
  ['i', '1'],
  ['l', '1'],
  ['|', '1'],
  ['s', '5'],
  ['b', '8'],
  ['z', '2'],
]);

/** The digit OCR may have misread as `character` (`'l'` → `'1'`), compared case-insensitively. */
export function lookalikeDigit(character: string): string | undefined {
  return DIGIT_LOOKALIKES.get(character.toLowerCase());
}

/**
 * An OCR word with its digit lookalikes read as digits, when the word holds a real digit too: `'$56,65l.49'`
 * becomes `'$56,651.49'`, while `'ISO'` (no digit) stays a word.
 *
 * @example
 * ```ts
 * foldDigitLookalikes('6/I8/2017'); // '6/18/2017'
 * foldDigitLookalikes('Sold');      // 'Sold'
 * ```
 */
export function foldDigitLookalikes(word: string): string {
  if (!/\d/.test(word)) return word;
  let folded = '';
  for (const character of word) folded += lookalikeDigit(character) ?? character;
  return folded;
}
