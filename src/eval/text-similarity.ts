/**
 * Strings as evaluation compares them: case, white space and punctuation set aside, and how alike two
 * such strings are.
 *
 * @module
 */

// Punctuation and separators carry no meaning in an extracted value: `INV-2041` is `INV 2041`, and
// `870 Market St., Denver` is `870 Market St Denver`.
const IGNORED = /[\p{P}\p{Z}\s]+/gu;

// Each string is keyed several times (to pair rows, then to compare values); remembering the last few
// thousand keys saves most of that work. Cleared when full rather than evicting one by one.
const recentKeys = new Map<string, string>();
const RECENT_KEYS_KEPT = 10_000;

/** `text` lowercased (NFKC) without punctuation or white space: equal keys are equal strings. */
export function comparableText(text: string): string {
  let key = recentKeys.get(text);
  if (key === undefined) {
    key = text.normalize('NFKC').toLowerCase().replace(IGNORED, '');
    if (recentKeys.size >= RECENT_KEYS_KEPT) recentKeys.clear();
    recentKeys.set(text, key);
  }
  return key;
}

/**
 * How alike two strings are, 0..1: 1 − their edit distance ÷ the longer length (two empty strings are
 * alike). Compare {@link comparableText} keys, not raw strings.
 */
export function similarityRatio(a: string, b: string): number {
  if (a === b) return 1;
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 1 : 1 - editDistance(a, b) / longer;
}

// Levenshtein distance over one row of the table, reused across calls: row matching calls this for many
// pairs, and allocating a table each time would dominate.
let row = new Int32Array(64);

function editDistance(a: string, b: string): number {
  if (row.length <= b.length) row = new Int32Array(b.length * 2 + 1);
  for (let j = 0; j <= b.length; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] as number;
      const substitution = diagonal + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1);
      row[j] = Math.min(substitution, above + 1, (row[j - 1] as number) + 1);
      diagonal = above;
    }
  }
  return row[b.length] as number;
}
