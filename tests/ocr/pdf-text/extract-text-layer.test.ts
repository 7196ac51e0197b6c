import { describe, expect, it } from 'vitest';
import { openPdf } from '../../../src/ocr/pdf/index.js';
import { extractTextLayer, type TextLayer } from '../../../src/ocr/pdf-text/index.js';
import type { OcrPage } from '../../../src/spec/document.js';
import {
  fragmentedTextPdf,
  imageOnlyPdf,
  pdfDocument,
  rotatedPagePdf,
  sidewaysTextPdf,
  TABLE_ROWS,
  tablePdf,
  twoColumnPdf,
  unmappedGlyphsPdf,
} from '../pdf/sample-pdfs.js';
import { expectWellFormed, lineWithText } from './page-expectations.js';

/** The text layer of every page of a generated PDF. */
async function textLayers(bytes: Promise<Uint8Array>): Promise<TextLayer[]> {
  const pdf = await openPdf(await pdfDocument(await bytes));
  try {
    const layers: TextLayer[] = [];
    for (let n = 1; n <= pdf.pageCount; n++) layers.push(await extractTextLayer(await pdf.page(n)));
    return layers;
  } finally {
    await pdf.close();
  }
}

async function usablePage(bytes: Promise<Uint8Array>): Promise<OcrPage> {
  const [layer] = await textLayers(bytes);
  expect(layer).toMatchObject({ usable: true });
  expectWellFormed(layer?.page as OcrPage);
  return layer?.page as OcrPage;
}

const texts = (page: OcrPage) => page.lines.map((line) => line.text);

describe('extractTextLayer', () => {
  it('keeps columns apart, reading each baseline left to right', async () => {
    const page = await usablePage(twoColumnPdf());
    expect(texts(page)).toEqual(
      [1, 2, 3, 4].flatMap((n) => [`Left column line ${n}`, `Right column line ${n}`]),
    );
    expect(page.lines[0]?.words?.map((word) => word.text)).toEqual(['Left', 'column', 'line', '1']);
    const [left, right] = page.lines;
    expect(left?.box.left).toBeCloseTo(50 / 612, 2);
    expect(right?.box.left).toBeCloseTo(320 / 612, 2);
    expect(page).toMatchObject({ pageNumber: 1, width: 612, height: 792, unit: 'point', angle: 0 });
  });

  it('makes each cell of a table row a line of its own, all on one baseline', async () => {
    const page = await usablePage(tablePdf());
    expect(texts(page)).toEqual(TABLE_ROWS.flat());
    for (const row of TABLE_ROWS) {
      const tops = row.map((cell) => lineWithText(page, cell).box.top);
      for (const top of tops) expect(top).toBeCloseTo(tops[0] ?? -1, 4);
    }
    // The description that fills its column still ends where the price column starts.
    const description = lineWithText(page, 'SHIP. LABEL 54x101mm').box;
    const price = page.lines.find((line) => line.text === '136.00')?.box;
    expect(description.left + description.width).toBeLessThan(price?.left ?? 0);
  });

  it('joins kerned fragments into words, splits words at gaps, and drops fake-bold overprints', async () => {
    expect(texts(await usablePage(fragmentedTextPdf()))).toEqual([
      'Invoice',
      'Total Due',
      'Bold',
      'Price $12',
    ]);
  });

  it("places a /Rotate page's text where a reader sees it", async () => {
    const page = await usablePage(rotatedPagePdf());
    expect(page).toMatchObject({ width: 792, height: 612, angle: 0 });
    const heading = lineWithText(page, 'Rotated heading').box;
    expect(heading.top).toBeLessThan(0.1);
    expect(heading.left).toBeCloseTo(50 / 792, 2);
    // Upright, the heading is wider than tall.
    expect(heading.width * 792).toBeGreaterThan(heading.height * 612);
    expect(lineWithText(page, 'Rotated footer').box.top).toBeGreaterThan(0.85);
  });

  it('reports text that runs down the page with its angle, boxed where it shows', async () => {
    const page = await usablePage(sidewaysTextPdf());
    expect(page.angle).toBe(90);
    const { box } = lineWithText(page, 'Sideways text');
    expect(box.left).toBeGreaterThan(0.9);
    expect(box.height * 612).toBeGreaterThan(box.width * 792);
  });

  it('finds no text on pages holding only an image or a drawing', async () => {
    const layers = await textLayers(imageOnlyPdf());
    expect(layers).toHaveLength(2);
    for (const layer of layers) {
      expect(layer).toMatchObject({ usable: false, reason: 'no-text' });
      expect(layer.page.lines).toEqual([]);
    }
  });

  it('rejects a text layer of glyphs mapped to private-use code points', async () => {
    const [layer] = await textLayers(unmappedGlyphsPdf());
    expect(layer).toMatchObject({ usable: false, reason: 'unmapped-glyphs', page: { lines: [], words: 0 } });
  });
});
