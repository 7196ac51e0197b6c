import type { OcrDocument, OcrLine, OcrPage } from '../spec/document.js';

const LINE_HEIGHT = 0.02;
const CHAR_WIDTH = 0.01;

/**
 * A synthetic `OcrDocument` laid out like monospaced text: each text line becomes an OCR line
 * at the column and row where it stands. Handy for tests of parsers and extractors.
 *
 * @example
 * ```ts
 * const doc = ocrDocumentFromText(['Invoice  INV-1\nTotal    42.00']);
 * ```
 */
export function ocrDocumentFromText(pages: string | readonly string[], provider = 'mock'): OcrDocument {
  const texts = typeof pages === 'string' ? [pages] : pages;
  return { provider, pages: texts.map((text, index) => pageFromText(text, index + 1)) };
}

function pageFromText(text: string, pageNumber: number): OcrPage {
  const lines: OcrLine[] = [];
  text.split('\n').forEach((row, rowIndex) => {
    // Runs of two or more spaces separate lines, as columns do on a page.
    for (const match of row.matchAll(/\S+(?: \S+)*/g)) {
      lines.push({
        id: `p${pageNumber}-l${lines.length}`,
        text: match[0],
        box: {
          left: match.index * CHAR_WIDTH,
          top: rowIndex * LINE_HEIGHT * 1.5,
          width: match[0].length * CHAR_WIDTH,
          height: LINE_HEIGHT,
        },
        confidence: 1,
      });
    }
  });
  return {
    pageNumber,
    width: 1,
    height: 1,
    unit: 'inch',
    angle: 0,
    lines,
    words: lines.reduce((count, line) => count + line.text.split(' ').length, 0),
    tables: [],
    keyValues: [],
    selectionMarks: [],
    layout: [],
  };
}
