import { afterAll, describe, expect, it } from 'vitest';
import { loadDocument } from '../../../src/document/load.js';
import { levelledPage, unrotateBox } from '../../../src/ocr/image-prep/index.js';
import { createTesseractOcr } from '../../../src/ocr/tesseract/index.js';
import { renderLayoutConserved } from '../../../src/parser/layout-conserved.js';
import type { OcrLine, OcrPage } from '../../../src/spec/document.js';
import { fixture, rowOnOneLine, skewedPng, WIDE_TABLE_INVOICE, wideTableRows } from './skewed-scans.js';

const PAGE = { width: 1700, height: 2200 };

/** A page of three table rows of three cells, each cell its own line, as a scan turned `degrees` shows them. */
function tiltedTable(degrees: number): OcrPage {
  const lines: OcrLine[] = [];
  for (let row = 0; row < 3; row++) {
    for (const [column, left] of [150, 800, 1400].entries()) {
      const top = 900 + 40 * row;
      const level = { x0: left, y0: top, x1: left + 180, y1: top + 24 };
      // Turning a box by `degrees` is undoing a turn by minus that much.
      const tilted = unrotateBox(level, PAGE, PAGE, -degrees);
      const box = {
        left: tilted.x0 / PAGE.width,
        top: tilted.y0 / PAGE.height,
        width: (tilted.x1 - tilted.x0) / PAGE.width,
        height: (tilted.y1 - tilted.y0) / PAGE.height,
      };
      const text = `cell-${row}-${column}`;
      lines.push({
        id: `p1-l${lines.length}`,
        text,
        box,
        confidence: 1,
        words: [{ text, box, confidence: 1 }],
      });
    }
  }
  return {
    pageNumber: 1,
    ...PAGE,
    unit: 'pixel',
    angle: (degrees + 360) % 360,
    lines,
    words: lines.length,
    tables: [],
    keyValues: [],
    selectionMarks: [],
    layout: [],
  };
}

describe('laying out a tilted page', () => {
  it.each([2, -2, 0.5])(
    'puts the cells of each row of a page tilted %s° on one line once levelled',
    (degrees) => {
      const page = levelledPage(tiltedTable(degrees));
      const text = renderLayoutConserved({ provider: 'tesseract', pages: [page] }).text;
      for (let row = 0; row < 3; row++) {
        expect(text).toMatch(new RegExp(`cell-${row}-0 +cell-${row}-1 +cell-${row}-2`));
      }
      expect(page.angle).toBe(0);
    },
  );
});

describe('a skewed scan through tesseract and the layout parser', () => {
  const ocr = createTesseractOcr({ workers: 1 });
  afterAll(() => ocr.close?.());

  const read = async (png: Buffer) =>
    (await ocr.recognize(await loadDocument({ data: png, name: 'scan.png' }), {})).document;

  it.each([1.5, -1])(
    'keeps every table row on one line, numbers whole, on a page turned %s°, with boxes on the page as given',
    { timeout: 180_000 },
    async (degrees) => {
      const invoice = await fixture(WIDE_TABLE_INVOICE);
      const skewed = await skewedPng(invoice, degrees);
      const document = await read(skewed);
      const page = document.pages[0] as OcrPage;

      expect(Math.abs(page.angle - ((degrees + 360) % 360))).toBeLessThan(0.2);
      const text = renderLayoutConserved({ ...document, pages: document.pages.map(levelledPage) }).text;
      for (const row of await wideTableRows()) expect(rowOnOneLine(text, row), row.join(' | ')).toBe(true);

      // Grounding: the heading's box on the skewed page is where the level page's heading lands when turned.
      const level = (await read(invoice)).pages[0] as OcrPage;
      const heading = (candidate: OcrPage) =>
        candidate.lines.flatMap((line) => line.words ?? []).find((word) => word.text === 'INVOICE')?.box;
      const levelHeading = heading(level);
      const skewedHeading = heading(page);
      expect(levelHeading && skewedHeading).toBeTruthy();
      if (!levelHeading || !skewedHeading) return;
      const radians = (degrees * Math.PI) / 180;
      const dx = (levelHeading.left + levelHeading.width / 2 - 0.5) * level.width;
      const dy = (levelHeading.top + levelHeading.height / 2 - 0.5) * level.height;
      const expectedX = (page.width / 2 + dx * Math.cos(radians) - dy * Math.sin(radians)) / page.width;
      const expectedY = (page.height / 2 + dx * Math.sin(radians) + dy * Math.cos(radians)) / page.height;
      expect(skewedHeading.left + skewedHeading.width / 2).toBeCloseTo(expectedX, 2);
      expect(skewedHeading.top + skewedHeading.height / 2).toBeCloseTo(expectedY, 2);
    },
  );
});
