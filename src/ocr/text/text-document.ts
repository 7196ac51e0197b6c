/**
 * Plain text as an `OcrDocument`, so a text file goes through the same parser, extraction and
 * grounding as a scan: each page (split at form feeds) is laid out as a monospaced grid at
 * typewriter measures, runs of two or more spaces separating lines the way columns do. No OCR runs.
 *
 * @module
 */

import { PAGE_BREAK } from '../../parser/pages.js';
import type { OcrDocument, OcrLine, OcrPage, OcrWord } from '../../spec/document.js';

/** The provider name on documents laid out from text. */
export const TEXT_LAYOUT_PROVIDER = 'text';

// Typewriter measures: 10 characters per inch across, 6 lines per inch down.
const CHARACTERS_PER_INCH = 10;
const LINES_PER_INCH = 6;
// Glyphs fill most of a line's height; the rest is the gap between lines.
const GLYPH_HEIGHT = 0.8;

/**
 * The text's pages, laid out.
 *
 * @example
 * ```ts
 * textOcrDocument('Invoice no.  INV-1\nTotal        42.00').pages[0]?.lines.map((l) => l.text); // ['Invoice no.', 'INV-1', 'Total', '42.00']
 * ```
 */
export function textOcrDocument(text: string): OcrDocument {
  const pages = text.split(PAGE_BREAK);
  return { provider: TEXT_LAYOUT_PROVIDER, pages: pages.map((page, index) => textPage(page, index + 1)) };
}

function textPage(text: string, pageNumber: number): OcrPage {
  // trimEnd, not replace(/\s+$/): that regex takes quadratic time on a long run of spaces inside the text.
  const rows = text.trimEnd().split('\n');
  // A loop, not Math.max(...rows): spread arguments overflow the stack past some 100,000 rows.
  const columns = rows.reduce((widest, row) => Math.max(widest, row.length), 1);
  // One grid cell per character, the page as wide as the longest row and as tall as the rows.
  const cellWidth = 1 / columns;
  const rowHeight = 1 / Math.max(1, rows.length);
  const box = (column: number, row: number, length: number) => ({
    left: column * cellWidth,
    top: row * rowHeight,
    width: length * cellWidth,
    height: rowHeight * GLYPH_HEIGHT,
  });
  const lines: OcrLine[] = [];
  let wordCount = 0;
  rows.forEach((row, rowIndex) => {
    for (const run of row.matchAll(/\S+(?: \S+)*/g)) {
      const words: OcrWord[] = [...run[0].matchAll(/\S+/g)].map((word) => ({
        text: word[0],
        box: box(run.index + word.index, rowIndex, word[0].length),
        confidence: 1,
      }));
      wordCount += words.length;
      lines.push({
        id: `p${pageNumber}-l${lines.length}`,
        text: run[0],
        box: box(run.index, rowIndex, run[0].length),
        confidence: 1,
        words,
      });
    }
  });
  return {
    pageNumber,
    width: columns / CHARACTERS_PER_INCH,
    height: rows.length / LINES_PER_INCH,
    unit: 'inch',
    angle: 0,
    lines,
    words: wordCount,
    tables: [],
    keyValues: [],
    selectionMarks: [],
    layout: [],
  };
}
