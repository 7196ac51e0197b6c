import { readFile } from 'node:fs/promises';
import { createCanvas } from '@napi-rs/canvas';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDocument } from '../../../src/document/load.js';
import type { Grayscale } from '../../../src/ocr/image-prep/index.js';
import { findSelectionMarks } from '../../../src/ocr/marks/index.js';
import { createTesseractOcr } from '../../../src/ocr/tesseract/index.js';
import { renderLayoutConserved } from '../../../src/parser/layout-conserved.js';
import type { OcrLine } from '../../../src/spec/document.js';
import {
  centreInside,
  fixturePath,
  labelledCheckboxes,
  renderedPage,
  STATEMENT_NAMES,
  statementPath,
} from './labelled-statements.js';

async function decodedImage(path: string): Promise<Grayscale> {
  const { data, info } = await sharp(path).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  return { pixels: data, width: info.width, height: info.height };
}

/** A white page with shapes drawn on it at 300 dpi: checkboxes, radio buttons and letter-like outlines. */
function drawnPage(
  draw: (context: ReturnType<ReturnType<typeof createCanvas>['getContext']>) => void,
): Grayscale {
  const canvas = createCanvas(2550, 3300);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.strokeStyle = '#000000';
  context.fillStyle = '#000000';
  context.lineWidth = 3;
  draw(context);
  const rgba = canvas.data();
  const pixels = new Uint8Array(canvas.width * canvas.height);
  for (let i = 0; i < pixels.length; i++) pixels[i] = rgba[i * 4] as number;
  return { pixels, width: canvas.width, height: canvas.height };
}

/** An OCR line of one word at a pixel box of a 2550 × 3300 page. */
function wordLine(text: string, left: number, top: number, width: number, height: number): OcrLine {
  const box = { left: left / 2550, top: top / 3300, width: width / 2550, height: height / 3300 };
  return { id: 'p1-l0', text, box, confidence: 0.9, words: [{ text, box, confidence: 0.9 }] };
}

describe('selection marks found offline', () => {
  it.each(STATEMENT_NAMES)(
    'reads the three labelled checkboxes of %s, ticked or not, where the labels put them',
    async (name) => {
      const labelled = await labelledCheckboxes(name);
      const marks = findSelectionMarks(await renderedPage(statementPath(name)));

      expect(marks).toHaveLength(3);
      for (const checkbox of labelled) {
        const mark = marks.find((candidate) => centreInside(checkbox.box, candidate.box));
        expect(mark, checkbox.label).toBeDefined();
        expect(mark?.selected, checkbox.label).toBe(checkbox.selected);
        expect(mark?.confidence).toBeGreaterThan(0.8);
      }
    },
  );

  it.each([2, -3.5])('reads the checkboxes of a statement scanned %s° crooked', async (degrees) => {
    const name = 'Invoice_3.pdf';
    const level = await renderedPage(statementPath(name));
    const { data, info } = await sharp(level.pixels, {
      raw: { width: level.width, height: level.height, channels: 1 },
    })
      .rotate(degrees, { background: '#ffffff' })
      .toColourspace('b-w')
      .raw()
      .toBuffer({ resolveWithObject: true });
    const marks = findSelectionMarks({ pixels: data, width: info.width, height: info.height });

    // Left to right, as the labels run: Live ☒, Online ☐, Video ☒.
    expect(marks.sort((a, b) => a.box.left - b.box.left).map((mark) => mark.selected)).toEqual([
      true,
      false,
      true,
    ]);
  });

  it('finds no marks on pages without checkboxes: a rendered digital invoice, a receipt photo, a scanned letter', async () => {
    expect(findSelectionMarks(await renderedPage(fixturePath('pdfs/contoso-invoice-1.pdf')))).toEqual([]);
    expect(findSelectionMarks(await decodedImage(fixturePath('documents/receipt.jpg')))).toEqual([]);
    expect(findSelectionMarks(await decodedImage(fixturePath('documents/single-page-1.png')))).toEqual([]);
  });

  it('finds no marks on a blank page', () => {
    const blank = { pixels: new Uint8Array(1000 * 1400).fill(255), width: 1000, height: 1400 };
    expect(findSelectionMarks(blank)).toEqual([]);
  });

  it('tells radio buttons and checkboxes, empty, dotted, ticked and crossed, from solid bullets and table cells', () => {
    const page = drawnPage((context) => {
      // Radio buttons: an empty ring and one with a dot.
      context.beginPath();
      context.arc(400, 400, 24, 0, 2 * Math.PI);
      context.stroke();
      context.beginPath();
      context.arc(400, 600, 24, 0, 2 * Math.PI);
      context.stroke();
      context.beginPath();
      context.arc(400, 600, 12, 0, 2 * Math.PI);
      context.fill();
      // Checkboxes: empty, ticked with a stroke running past the box, crossed.
      context.strokeRect(1000, 376, 48, 48);
      context.strokeRect(1000, 576, 48, 48);
      context.beginPath();
      context.moveTo(1006, 600);
      context.lineTo(1020, 618);
      context.lineTo(1070, 550);
      context.stroke();
      context.strokeRect(1000, 776, 48, 48);
      context.beginPath();
      context.moveTo(1000, 776);
      context.lineTo(1048, 824);
      context.moveTo(1048, 776);
      context.lineTo(1000, 824);
      context.stroke();
      // A solid bullet and a table of small cells are not marks.
      context.fillRect(1600, 376, 40, 40);
      for (let row = 0; row < 4; row++) {
        for (let column = 0; column < 8; column++)
          context.strokeRect(1600 + 60 * column, 600 + 60 * row, 60, 60);
      }
    });
    const marks = findSelectionMarks(page).map(({ selected, box }) => ({
      selected,
      x: Math.round(box.left * 2550),
      y: Math.round(box.top * 3300),
    }));

    expect(marks).toEqual([
      { selected: false, x: expect.closeTo(375, -1), y: expect.closeTo(375, -1) },
      { selected: false, x: expect.closeTo(998, -1), y: expect.closeTo(374, -1) },
      { selected: true, x: expect.closeTo(375, -1), y: expect.closeTo(575, -1) },
      { selected: true, x: expect.closeTo(998, -1), y: expect.closeTo(574, -1) },
      { selected: true, x: expect.closeTo(998, -1), y: expect.closeTo(774, -1) },
    ]);
  });

  it('takes an outline inside a longer word for a letter, and one beside its label for a checkbox', () => {
    const page = drawnPage((context) => {
      context.strokeRect(1000, 1000, 48, 48);
      context.strokeRect(1000, 2000, 48, 48);
    });
    const inWord = [wordLine('bo□ks', 930, 990, 200, 70)];
    const besideLabel = [wordLine('Paid:', 850, 1995, 120, 60)];
    const alone = [wordLine('Far away', 100, 100, 300, 60)];

    expect(findSelectionMarks(page, { lines: [...inWord, ...besideLabel] })).toEqual([
      expect.objectContaining({
        selected: false,
        box: expect.objectContaining({ top: expect.closeTo(1998 / 3300, 3) }),
      }),
    ]);
    expect(findSelectionMarks(page, { lines: alone })).toEqual([]);
  });
});

describe('selection marks from the tesseract provider', () => {
  const ocr = createTesseractOcr({ workers: 1 });
  afterAll(() => ocr.close?.());

  it('fills selectionMarks of a scanned PDF page and sets each mark beside its label', {
    timeout: 120_000,
  }, async () => {
    const name = 'Invoice_2.pdf';
    const { document } = await ocr.recognize(await loadDocument(statementPath(name)), {});
    const page = document.pages[0];
    const labelled = await labelledCheckboxes(name);

    expect(page?.selectionMarks).toHaveLength(3);
    for (const checkbox of labelled) {
      const mark = page?.selectionMarks.find((candidate) => centreInside(checkbox.box, candidate.box));
      expect(mark?.selected, checkbox.label).toBe(checkbox.selected);
    }
    // OCR's own reading of an empty box (`[]`, `[1]`) is gone, and each mark stands right after its label.
    const text = renderLayoutConserved(document).text;
    expect(text).toMatch(
      /Live Delivery: +☐ +Online Delivery \(Livestream\): +☒ +Video Delivery \(On Demand\): +☐/,
    );
    expect(text).not.toMatch(/\[1?\]/);
  });

  it('finds no marks on a digital invoice read as a scan', { timeout: 120_000 }, async () => {
    const bytes = await readFile(fixturePath('pdfs/contoso-invoice-1.pdf'));
    const { document } = await ocr.recognize(
      await loadDocument({ data: bytes, name: 'contoso-invoice-1.pdf' }),
      {},
    );
    expect(document.pages[0]?.selectionMarks).toEqual([]);
  });
});
