/**
 * Key-value pairs and table cells as regions of the page: text with a box of its own, a label (the pair's
 * key, the cell's column headers), and the words that lie in it.
 *
 * @module
 */

import { containsCentre } from '../../parser/box.js';
import type { BoundingBox, OcrDocument, OcrTable, OcrTableCell } from '../../spec/document.js';
import { appendTo } from './append-to.js';
import { type DateOrder, parseDate } from './dates.js';
import { comparisonKey } from './normalize.js';
import { numberKey, parseNumberReadings } from './numbers.js';
import type { IndexedWord } from './word-index.js';

/** A key-value pair's value or a table cell. */
export interface Region {
  readonly page: number;
  readonly text: string;
  readonly box: BoundingBox;
  readonly confidence?: number;
  /** What names its content: the pair's key, or the header cells above the cell. */
  readonly labels: readonly string[];
  /** Ids of the words whose centre lies in its box. */
  readonly words: readonly number[];
  /** {@link comparisonKey} of its text. */
  readonly key: string;
  /** {@link numberKey}s of the numbers its text reads as. */
  readonly numbers: readonly string[];
  /** The ISO date its text reads as. */
  readonly date?: string;
}

/**
 * The regions of every page that have a box and text, and for each word the regions it lies in.
 *
 * @example
 * ```ts
 * const { regions } = collectRegions(ocr, index.words, 'month-first');
 * regions[0]?.labels; // ['Invoice Date'] for a pair "Invoice Date: 6/18/2017"
 * ```
 */
export function collectRegions(
  ocr: OcrDocument,
  words: readonly IndexedWord[],
  dateOrder: DateOrder,
): { regions: Region[]; regionsOfWord: Map<number, number[]> } {
  const regions: Region[] = [];
  const regionsOfWord = new Map<number, number[]>();
  const wordsOfPage = new Map<number, number[]>();
  words.forEach((word, id) => {
    appendTo(wordsOfPage, word.page, id);
  });
  for (const page of ocr.pages) {
    const pageWords = wordsOfPage.get(page.pageNumber) ?? [];
    const add = (text: string, box: BoundingBox | undefined, labels: string[], confidence?: number) => {
      if (box === undefined || text.trim() === '') return;
      const inside = pageWords.filter((id) => containsCentre(box, (words[id] as IndexedWord).box));
      for (const id of inside) appendTo(regionsOfWord, id, regions.length);
      const date = parseDate(text, dateOrder);
      regions.push({
        page: page.pageNumber,
        text,
        box,
        ...(confidence === undefined ? {} : { confidence }),
        labels,
        words: inside,
        key: comparisonKey(text),
        numbers: parseNumberReadings(text).map(numberKey),
        ...(date === undefined ? {} : { date }),
      });
    };
    for (const pair of page.keyValues) add(pair.value, pair.valueBox, [pair.key], pair.confidence);
    for (const table of page.tables) {
      for (const cell of table.cells) add(cell.text, cell.box, columnHeaders(table, cell), cell.confidence);
    }
  }
  return { regions, regionsOfWord };
}

// The texts of the header cells above the cell, in its column.
function columnHeaders(table: OcrTable, cell: OcrTableCell): string[] {
  return table.cells
    .filter(
      (header) =>
        header.isHeader === true &&
        header !== cell &&
        header.rowIndex < cell.rowIndex &&
        header.columnIndex <= cell.columnIndex &&
        cell.columnIndex < header.columnIndex + header.columnSpan,
    )
    .map((header) => header.text);
}
