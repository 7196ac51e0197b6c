/**
 * The OCR words of a document, indexed once so that each extracted value is looked up rather than
 * searched for.
 *
 * @module
 */

import { measureLines } from '../../parser/metrics.js';
import type { BoundingBox, OcrDocument } from '../../spec/document.js';
import { appendTo } from './append-to.js';
import { dateOrderEvidence } from './date-order-evidence.js';
import type { DateOrder } from './dates.js';
import { lineNeighbours } from './line-neighbours.js';
import { lineSegments } from './line-segments.js';
import { comparisonKey } from './normalize.js';
import { collectRegions, type Region } from './regions.js';
import { indexValueSpans, type ValueSpans } from './value-spans.js';

/** One OCR word. Its id is its position in {@link WordIndex.words}: reading order, page by page. */
export interface IndexedWord {
  readonly text: string;
  /** {@link comparisonKey} of the text; `''` for punctuation. */
  readonly key: string;
  /** The characters of {@link key} as a bit set (char code mod 32), to rule out fuzzy matches cheaply. */
  readonly characters: number;
  readonly box: BoundingBox;
  readonly confidence: number;
  readonly page: number;
  /** Its line's id in {@link WordIndex.lines}. */
  readonly line: number;
}

/** One segment of an OCR line ({@link lineSegments}); its words' ids run from `first` up to `end`. */
export interface IndexedLine {
  readonly page: number;
  readonly box: BoundingBox;
  readonly first: number;
  readonly end: number;
  /** Line ids of its neighbours (see {@link lineNeighbours}). */
  readonly below?: number;
  readonly above?: number;
  readonly left?: number;
}

/** Word ids in reading order: the words a value was found in. */
export type Span = readonly number[];

/** Everything grounding looks values up in, built once per document by {@link buildWordIndex}. */
export interface WordIndex extends ValueSpans {
  readonly words: readonly IndexedWord[];
  readonly lines: readonly IndexedLine[];
  /** Key-value pairs and table cells, which carry boxes of their own. */
  readonly regions: readonly Region[];
  /** Region ids by the id of each word that lies in them. */
  readonly regionsOfWord: ReadonlyMap<number, readonly number[]>;
  /** Word ids by exact text. */
  readonly byText: ReadonlyMap<string, readonly number[]>;
  /** Word ids by {@link IndexedWord.key}. */
  readonly byKey: ReadonlyMap<string, readonly number[]>;
  /** How the document writes all-numeric dates, judged from those it writes unambiguously; month-first when none tells. */
  readonly dateOrder: DateOrder;
}

/**
 * Indexes a document's words: by text, by comparison key, by the numbers and dates they spell, with each
 * line's neighbours and the key-value pairs and table cells they lie in.
 *
 * @example
 * ```ts
 * const index = buildWordIndex(ocrDocumentFromText('Total  $56,651.49'));
 * index.numbers.get('56651.49'); // [[1]]: the second word
 * ```
 */
export function buildWordIndex(ocr: OcrDocument): WordIndex {
  const words: IndexedWord[] = [];
  const lines: IndexedLine[] = [];
  for (const page of ocr.pages) {
    const { charWidth } = measureLines(page.lines);
    const pageLines = page.lines.flatMap((line) => lineSegments(line, charWidth));
    const neighbours = lineNeighbours(pageLines.map((line) => line.box));
    const offset = lines.length;
    pageLines.forEach((line, index) => {
      const first = words.length;
      for (const word of line.words) {
        const key = comparisonKey(word.text);
        words.push({
          text: word.text,
          key,
          characters: characterSet(key),
          box: word.box,
          confidence: word.confidence,
          page: page.pageNumber,
          line: lines.length,
        });
      }
      const { below, above, left } = neighbours[index] ?? {};
      lines.push({
        page: page.pageNumber,
        box: line.box,
        first,
        end: words.length,
        ...(below === undefined ? {} : { below: below + offset }),
        ...(above === undefined ? {} : { above: above + offset }),
        ...(left === undefined ? {} : { left: left + offset }),
      });
    });
  }
  const dateOrder = documentDateOrder(words);
  const { regions, regionsOfWord } = collectRegions(ocr, words, dateOrder);
  return {
    words,
    lines,
    regions,
    regionsOfWord,
    byText: groupIds(words, (word) => word.text),
    byKey: groupIds(words, (word) => word.key),
    dateOrder,
    ...indexValueSpans(words, lines, dateOrder),
  };
}

/**
 * The word after `id` in the flow of text: the next word of its line, else the first word of the line below
 * it in the same column, else `undefined`.
 *
 * @example
 * ```ts
 * for (let id: number | undefined = start; id !== undefined; id = nextWord(index, id)) console.log(index.words[id]?.text);
 * ```
 */
export function nextWord(index: WordIndex, id: number): number | undefined {
  const line = index.lines[index.words[id]?.line ?? -1];
  if (line === undefined) return undefined;
  if (id + 1 < line.end) return id + 1;
  return line.below === undefined ? undefined : index.lines[line.below]?.first;
}

/**
 * The characters of a comparison key as a bit set: a fuzzy match needs at least one edit per character of
 * the value the text lacks, so `popcount(value & ~text)` is a lower bound on the edits.
 */
export function characterSet(key: string): number {
  let set = 0;
  for (let i = 0; i < key.length; i++) set |= 1 << (key.charCodeAt(i) & 31);
  return set;
}

/**
 * How a document writes all-numeric dates, judged from its words: those that write one unambiguously
 * (`18/06/2017` is day-first), else the currency, phone numbers and country shown (see `dateOrderEvidence`);
 * month-first when nothing tells.
 *
 * @example
 * ```ts
 * documentDateOrder([{ text: '18/06/2017' }, { text: 'Total' }]); // 'day-first'
 * ```
 */
export function documentDateOrder(words: readonly { readonly text: string }[]): DateOrder {
  return dateOrderEvidence(words).order;
}

function groupIds(
  words: readonly IndexedWord[],
  keyOf: (word: IndexedWord) => string,
): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  words.forEach((word, id) => {
    const key = keyOf(word);
    if (key !== '') appendTo(groups, key, id);
  });
  return groups;
}
