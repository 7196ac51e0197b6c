import { describe, expect, it } from 'vitest';
import { withSelectionMarks } from '../../../src/ocr/marks/index.js';
import { ocrPage } from '../../../src/ocr/page-builder.js';
import type { OcrLine, OcrSelectionMark, OcrWord } from '../../../src/spec/document.js';

// Boxes in hundredths of a 1000 × 1000 page, one text row at the height of the marks.
function word(text: string, left: number, width: number): OcrWord {
  return { text, box: { left: left / 1000, top: 0.5, width: width / 1000, height: 0.02 }, confidence: 0.9 };
}

function line(...words: OcrWord[]): OcrLine {
  const left = Math.min(...words.map((w) => w.box.left));
  const right = Math.max(...words.map((w) => w.box.left + w.box.width));
  return {
    id: 'p1-l0',
    text: words.map((w) => w.text).join(' '),
    box: { left, top: 0.5, width: right - left, height: 0.02 },
    confidence: 0.9,
    words,
  };
}

/** A page of `lines` whose raster has an empty checkbox outline at each of `marksAt` (left edges, in pixels). */
function pageWithBoxes(lines: OcrLine[], marksAt: number[]) {
  const pixels = new Uint8Array(1000 * 1000).fill(255);
  for (const left of marksAt) {
    for (let y = 498; y < 518; y++) {
      for (let x = left; x < left + 20; x++) {
        const edge = y < 500 || y >= 516 || x < left + 2 || x >= left + 18;
        if (edge) pixels[y * 1000 + x] = 0;
      }
    }
  }
  return {
    page: ocrPage({ pageNumber: 1, width: 1000, height: 1000, unit: 'pixel', angle: 0, lines }),
    raster: { pixels, width: 1000, height: 1000 },
  };
}

describe('fitting selection marks into OCR lines', () => {
  it('drops OCR readings of a mark, cuts a mark read into its label off, and splits the line at each mark', () => {
    const { page, raster } = pageWithBoxes(
      [line(word('Live:', 100, 50), word('[1]', 160, 22), word('Online:', 300, 70), word('[yes', 400, 60))],
      [160, 400],
    );

    const marked = withSelectionMarks(page, raster);

    expect(marked.selectionMarks.map((mark: OcrSelectionMark) => mark.selected)).toEqual([false, false]);
    expect(marked.lines.map((piece) => [piece.id, piece.text])).toEqual([
      ['p1-l0', 'Live:'],
      ['p1-l1', 'Online:'],
      ['p1-l2', 'yes'],
    ]);
    // `yes` now starts where its checkbox ends, so a parser can set the mark before it.
    expect(marked.lines[2]?.box.left).toBeCloseTo(0.42, 3);
    expect(marked.words).toBe(3);
  });

  it('leaves a page without marks as it was', () => {
    const { page, raster } = pageWithBoxes([line(word('Total', 100, 60), word('42.00', 200, 60))], []);
    expect(withSelectionMarks(page, raster)).toBe(page);
  });
});
