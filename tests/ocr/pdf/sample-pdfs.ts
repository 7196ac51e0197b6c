/**
 * Small PDFs generated with pdf-lib, each showing one layout the text-layer mapping must handle, and the
 * loaders the PDF tests share.
 *
 * @module
 */
import { Buffer } from 'node:buffer';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCanvas } from '@napi-rs/canvas';
import {
  beginText,
  degrees,
  endText,
  moveText,
  PDFDocument,
  type PDFFont,
  PDFHexString,
  PDFName,
  PDFOperator,
  PDFOperatorNames,
  type PDFPage,
  rgb,
  StandardFonts,
  setFontAndSize,
  showText,
} from 'pdf-lib';
import { loadDocument } from '../../../src/document/load.js';
import type { LoadedDocument } from '../../../src/spec/document.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

/** A fixture under `tests/fixtures/`, loaded. */
export function fixture(path: string): Promise<LoadedDocument> {
  return loadDocument(join(FIXTURES, path));
}

/** Bytes loaded as a document named `name`. */
export function pdfDocument(bytes: Uint8Array, name = 'generated.pdf'): Promise<LoadedDocument> {
  return loadDocument({ data: bytes, name });
}

/** US Letter, in points. */
const LETTER: [number, number] = [612, 792];

async function build(draw: (pdf: PDFDocument, font: PDFFont) => Promise<void> | void): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  await draw(pdf, font);
  return pdf.save();
}

/** One page with `lines` drawn from the top, 20 points apart. */
export function linesPdf(lines: readonly string[]): Promise<Uint8Array> {
  return build((pdf, font) => {
    const page = pdf.addPage(LETTER);
    lines.forEach((line, index) => {
      page.drawText(line, { x: 72, y: 720 - index * 20, size: 12, font });
    });
  });
}

/**
 * A landscape page stored portrait with /Rotate 90, as scanners and print drivers write it. Its content is
 * drawn turned a quarter counter-clockwise, so that a reader sees it upright: a heading at the top left and a
 * footer at the bottom left of the 792 × 612 page the reader sees.
 */
export function rotatedPagePdf(): Promise<Uint8Array> {
  return build((pdf, font) => {
    const page = pdf.addPage(LETTER);
    page.setRotation(degrees(90));
    // Turned clockwise by /Rotate 90, user-space (x, y) shows at (y, x) from the top left of the page seen.
    const upright = { size: 14, font, rotate: degrees(90) };
    page.drawText('Rotated heading', { ...upright, x: 60, y: 50 });
    page.drawText('Rotated footer', { ...upright, x: 560, y: 50 });
  });
}

/** A /Rotate 90 page whose text is drawn unturned, so a reader sees it running down the right edge. */
export function sidewaysTextPdf(): Promise<Uint8Array> {
  return build((pdf, font) => {
    const page = pdf.addPage(LETTER);
    page.setRotation(degrees(90));
    page.drawText('Sideways text', { x: 50, y: 740, size: 14, font });
  });
}

/** Two columns of four lines each, the columns 270 points apart. */
export function twoColumnPdf(): Promise<Uint8Array> {
  return build((pdf, font) => {
    const page = pdf.addPage(LETTER);
    for (let row = 0; row < 4; row++) {
      const y = 700 - row * 16;
      page.drawText(`Left column line ${row + 1}`, { x: 50, y, size: 11, font });
      page.drawText(`Right column line ${row + 1}`, { x: 320, y, size: 11, font });
    }
  });
}

/** The cells of {@link tablePdf}, a header and three rows. */
export const TABLE_ROWS: readonly (readonly string[])[] = [
  ['Code', 'Description', 'Unit Price', 'Total'],
  ['PPR006', 'UNIV. A4 80gsm', '25.86', '129.30'],
  ['ES40', 'SHIP. LABEL 54x101mm', '136.00', '136.00'],
  ['KF030', 'DL ENV. PEEL & SEAL', '18.83', '18.83'],
];

/**
 * A table drawn as text at fixed x positions, each cell a marked-content span of its own, as word processors write
 * tagged PDFs. The longest description fills its column: the price column starts one space after it.
 */
export function tablePdf(): Promise<Uint8Array> {
  return build((pdf, font) => {
    const page = pdf.addPage(LETTER);
    const size = 10;
    const longest = Math.max(...TABLE_ROWS.map((row) => drawnWidth(font, `${row[1]} `, size)));
    const columns = [50, 120, 120 + longest, 450];
    TABLE_ROWS.forEach((row, index) => {
      row.forEach((cell, column) => {
        page.pushOperators(PDFOperator.of(PDFOperatorNames.BeginMarkedContent, [PDFName.of('Span')]));
        page.drawText(cell, { x: columns[column] ?? 0, y: 700 - index * 18, size, font });
        page.pushOperators(PDFOperator.of(PDFOperatorNames.EndMarkedContent));
      });
    });
  });
}

// pdf-lib measures text with kerning but draws it without, so measure what is drawn: glyph by glyph.
function drawnWidth(font: PDFFont, text: string, size: number): number {
  let width = 0;
  for (const character of text) width += font.widthOfTextAtSize(character, size);
  return width;
}

/**
 * Text the way some generators write it: a word split into kerned fragments, two words separated by a gap but no
 * space, a word overprinted for a bold look, and a raised run on the same line.
 */
export function fragmentedTextPdf(): Promise<Uint8Array> {
  return build((pdf, font) => {
    const page = pdf.addPage(LETTER);
    const size = 12;
    const at = (text: string, x: number, y = 700) => page.drawText(text, { x, y, size, font });
    const after = (x: number, text: string) => x + drawnWidth(font, text, size);
    at('Inv', 72);
    at('oice', after(72, 'Inv'));
    at('Total', 72, 650);
    at('Due', after(72, 'Total') + 0.4 * size, 650);
    at('Bold', 72, 600);
    at('Bold', 72.4, 600);
    at('Price', 72, 550);
    at('$12', after(72, 'Price '), 550 + 0.2 * size);
  });
}

/** A page with only a picture (a PNG drawn with dark strokes) and a page with only a vector drawing. */
export function imageOnlyPdf(): Promise<Uint8Array> {
  return build(async (pdf) => {
    const canvas = createCanvas(200, 100);
    const context = canvas.getContext('2d');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, 200, 100);
    context.fillStyle = '#000000';
    context.fillRect(20, 40, 160, 20);
    const image = await pdf.embedPng(await canvas.encode('png'));
    pdf.addPage(LETTER).drawImage(image, { x: 72, y: 500, width: 400, height: 200 });
    pdf.addPage(LETTER).drawRectangle({ x: 72, y: 500, width: 300, height: 100, color: rgb(0.2, 0.2, 0.2) });
  });
}

/**
 * A page whose font maps every glyph to a private-use code point (U+E000 + its code), as text from a font
 * without a usable ToUnicode map comes out.
 */
export function unmappedGlyphsPdf(): Promise<Uint8Array> {
  return build((pdf) => {
    const page = pdf.addPage(LETTER);
    const cmap = [
      '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
      '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
      '/CMapName /Private-UCS def /CMapType 2 def',
      '1 begincodespacerange <00> <FF> endcodespacerange',
      '1 beginbfrange <21> <7E> <E021> endbfrange',
      'endcmap CMapName currentdict /CIDInit /ProcSet findresource /CategoryName get exch defineresource pop end end',
    ].join('\n');
    const font = pdf.context.register(
      pdf.context.obj({
        Type: 'Font',
        Subtype: 'Type1',
        BaseFont: 'Helvetica',
        ToUnicode: pdf.context.register(pdf.context.stream(cmap)),
      }),
    );
    page.node.setFontDictionary(PDFName.of('FX'), font);
    showLine(page, 'FX', 'Glyphs without meaning', 700);
    showLine(page, 'FX', 'More of the same', 680);
  });
}

function showLine(page: PDFPage, font: string, text: string, y: number): void {
  page.pushOperators(
    beginText(),
    setFontAndSize(font, 12),
    moveText(72, y),
    showText(PDFHexString.of(Buffer.from(text, 'latin1').toString('hex'))),
    endText(),
  );
}
