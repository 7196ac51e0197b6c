/**
 * Skewed scans for the deskew tests: fixtures turned by small angles with sharp, as a scanner turns a page
 * fed in crooked, and the generated invoice's known table rows.
 */
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import type { Grayscale } from '../../../src/ocr/image-prep/index.js';

const FIXTURES = new URL('../../fixtures/', import.meta.url);

/** The generated invoice with a five-column, 13-row table, rendered at 200 dpi (PNG bytes). */
export const WIDE_TABLE_INVOICE = 'generated/wide-table-invoice.png';

/** A fixture's bytes. */
export function fixture(path: string): Promise<Buffer> {
  return readFile(new URL(path, FIXTURES));
}

/** The printed cells of each row of the wide-table invoice's line items. */
export async function wideTableRows(): Promise<string[][]> {
  const truth = JSON.parse((await fixture('generated/wide-table-invoice.truth.json')).toString('utf8')) as {
    rows: string[][];
  };
  return truth.rows;
}

/** `image` turned clockwise by `degrees` on white, as PNG bytes. */
export async function skewedPng(image: Uint8Array, degrees: number): Promise<Buffer> {
  return sharp(image).rotate(degrees, { background: '#ffffff' }).png().toBuffer();
}

/** An image's pixels in grayscale. */
export async function grayscaleOf(image: Uint8Array): Promise<Grayscale> {
  const { data, info } = await sharp(image).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  return { pixels: data, width: info.width, height: info.height };
}

/**
 * Whether some line of `text` holds every cell of `row` in order, whitespace collapsed and currency signs
 * left out: whether OCR read `$` is a question of accuracy, not of keeping a row together.
 */
export function rowOnOneLine(text: string, row: readonly string[]): boolean {
  const plain = (value: string) => value.replace(/\$/g, '').replace(/\s+/g, ' ').trim();
  const cells = row.map(plain);
  return text.split(/\n|\f/).some((line) => {
    let from = 0;
    const flat = plain(line);
    for (const cell of cells) {
      const at = flat.indexOf(cell, from);
      if (at < 0) return false;
      from = at + cell.length;
    }
    return true;
  });
}

/** A grayscale raster as PNG bytes. */
export function pngOf(raster: Grayscale): Promise<Buffer> {
  return sharp(raster.pixels, { raw: { width: raster.width, height: raster.height, channels: 1 } })
    .png()
    .toBuffer();
}
