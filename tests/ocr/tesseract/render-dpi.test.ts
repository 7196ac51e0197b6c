import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDocument } from '../../../src/document/load.js';
import { createTesseractOcr } from '../../../src/ocr/tesseract/index.js';

/** A poster: 40 × 40 inches, one big line of text. At 300 dpi it would be 144 megapixels. */
async function posterPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  pdf.addPage([2880, 2880]).drawText('GRAND OPENING', { x: 300, y: 1400, size: 280, font });
  return pdf.save();
}

describe('rendering pages for OCR', () => {
  const ocr = createTesseractOcr({ workers: 1 });
  afterAll(() => ocr.close?.());

  it('lowers the dpi of a page too big to need it, says so, and still reads it', async () => {
    const document = await loadDocument({ data: await posterPdf(), name: 'poster.pdf' });
    const { document: result, warnings } = await ocr.recognize(document, {});
    expect(result.pages[0]?.lines.map((line) => line.text).join(' ')).toContain('GRAND OPENING');
    expect(result.pages[0]?.width).toBeLessThanOrEqual(4200);
    expect(warnings).toEqual([
      {
        code: 'dpi-lowered',
        page: 1,
        message:
          'Page 1 is 40.0×40.0 inches, so it was rendered for OCR at 104 dpi instead of 300 to stay within 17.5 megapixels.',
      },
    ]);
  });
});
