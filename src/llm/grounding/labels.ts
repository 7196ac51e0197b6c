/**
 * Labels: the text beside or above a value that names it (`Invoice Date` over `6/18/2017`), and how well
 * it names a field. When a value stands in several places, the one its field's name labels is the one meant.
 *
 * @module
 */
import type { Candidate } from './match.js';
import type { IndexedWord, WordIndex } from './word-index.js';

// Abbreviations and near-synonyms that forms write for the words of field names, by the word they stand for.
const SYNONYMS: ReadonlyMap<string, string> = new Map([
  ['no', 'number'],
  ['num', 'number'],
  ['nr', 'number'],
  ['#', 'number'],
  ['id', 'number'],
  ['qty', 'quantity'],
  ['amt', 'amount'],
  ['dt', 'date'],
  ['addr', 'address'],
  ['desc', 'description'],
  ['tel', 'phone'],
  ['ref', 'reference'],
]);

// A label is a short phrase; more words than this before a value are running text.
const MAX_LABEL_WORDS = 6;
// How far up a column a table value looks for its header, in lines.
const MAX_HEADER_DISTANCE = 60;
// Abbreviations shorter than this are not taken for prefixes of a word (`no` is not `north`).
const MIN_PREFIX = 3;

/** Where to look for a label and what name to compare it with. */
export interface LabelQuery {
  /** {@link nameWords} of the field's name. */
  readonly words: readonly string[];
  /**
   * Whether the value is a cell of a table row, whose label is its column's header however far up; any other
   * value's label is on its line, on the line to its left, or on the line just above it.
   */
  readonly inTable: boolean;
}

/** Scores how well the text around a candidate names a field, 0..1. */
export type LabelScorer = (candidate: Candidate, query: LabelQuery) => number;

/**
 * The words of a property name, canonical: split at `_`, `-`, spaces and camel case, lowercased, abbreviations
 * spelt out (`qty` → `quantity`, `id` and `no` → `number`) and plurals made singular.
 *
 * @example
 * ```ts
 * nameWords('invoice_date'); // ['invoice', 'date']
 * nameWords('InvoiceId');    // ['invoice', 'number']
 * nameWords('lineItems');    // ['line', 'item']
 * ```
 */
export function nameWords(name: string): string[] {
  return labelWords(
    name.replace(/(\p{Ll}|\d)(\p{Lu})/gu, '$1 $2').replace(/(\p{Lu}+)(\p{Lu}\p{Ll})/gu, '$1 $2'),
  );
}

/**
 * How well a label names a field, 0..1: the Dice coefficient of their canonical words, where a word also
 * matches a prefix of at least three letters (`inv` matches `invoice`). `Invoice Date` names `invoice_date`
 * (1) better than `Invoice Due Date` does (0.8).
 *
 * @example
 * ```ts
 * labelSimilarity(nameWords('invoice_date'), labelWords('Invoice Date:')); // 1
 * labelSimilarity(nameWords('due_date'), labelWords('Invoice Date'));      // 0.5
 * ```
 */
export function labelSimilarity(field: readonly string[], label: readonly string[]): number {
  if (field.length === 0 || label.length === 0) return 0;
  const matched = field.filter((word) => label.some((other) => wordsMatch(word, other))).length;
  return (2 * Math.min(matched, label.length)) / (field.length + label.length);
}

/**
 * A {@link LabelScorer} for one document. It looks for labels in a key-value pair's key or a table cell's
 * column headers when the candidate lies in one, in the words before it on its line, on the line to its left,
 * and above it. Lines' labels are computed once and kept.
 *
 * @example
 * ```ts
 * const score = createLabelScorer(index);
 * score(candidate, { words: nameWords('due_date'), inTable: false }); // 1 when `Due Date` stands beside it
 * ```
 */
export function createLabelScorer(index: WordIndex): LabelScorer {
  const lineLabels = new Map<number, string[]>();
  const labelOfLine = (lineId: number): string[] => {
    let label = lineLabels.get(lineId);
    if (label === undefined) {
      const line = index.lines[lineId];
      label = line === undefined ? [] : labelBefore(index.words, line.first, line.end);
      lineLabels.set(lineId, label);
    }
    return label;
  };
  return (candidate, query) => {
    const labels = (
      candidate.region === undefined ? [] : (index.regions[candidate.region]?.labels ?? [])
    ).map(labelWords);
    const first = candidate.words[0];
    const word = first === undefined ? undefined : index.words[first];
    const line = word === undefined ? undefined : index.lines[word.line];
    if (first !== undefined && line !== undefined) {
      for (const region of index.regionsOfWord.get(first) ?? []) {
        labels.push(...(index.regions[region]?.labels ?? []).map(labelWords));
      }
      labels.push(labelBefore(index.words, line.first, first));
      if (line.left !== undefined) labels.push(labelOfLine(line.left));
      let above = line.above;
      for (let step = 0; above !== undefined && step < (query.inTable ? MAX_HEADER_DISTANCE : 1); step++) {
        labels.push(labelOfLine(above));
        above = index.lines[above]?.above;
      }
    }
    return Math.max(0, ...labels.map((label) => labelSimilarity(query.words, label)));
  };
}

/**
 * The canonical words of a label's text (see {@link nameWords}); `#` counts as a word, for `Invoice #`.
 *
 * @example
 * ```ts
 * labelWords('Invoice #:'); // ['invoice', 'number']
 * ```
 */
export function labelWords(text: string): string[] {
  return [...text.toLowerCase().matchAll(/[\p{L}\p{N}]+|#/gu)].map((match) => canonicalWord(match[0]));
}

// The canonical words of the run of words without digits that ends just before `end`, in the line starting at
// `start`: labels have no digits, so a digit marks where the previous value ended.
function labelBefore(words: readonly IndexedWord[], start: number, end: number): string[] {
  const texts: string[] = [];
  for (let id = end - 1; id >= start && texts.length < MAX_LABEL_WORDS; id--) {
    const text = words[id]?.text ?? '';
    if (/\d/.test(text)) break;
    texts.unshift(text);
  }
  return labelWords(texts.join(' '));
}

function canonicalWord(word: string): string {
  const singular = word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
  return SYNONYMS.get(singular) ?? singular;
}

/**
 * Whether two canonical words (see {@link labelWords}) name the same thing: they are equal, or the shorter, of
 * three letters or more, begins the longer (`inv` and `invoice`).
 *
 * @example
 * ```ts
 * wordsMatch('inv', 'invoice'); // true
 * wordsMatch('no', 'north');    // false: too short to be a prefix
 * ```
 */
export function wordsMatch(a: string, b: string): boolean {
  if (a === b) return true;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  return shorter.length >= MIN_PREFIX && longer.startsWith(shorter);
}
