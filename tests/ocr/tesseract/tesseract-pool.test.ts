import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TesseractPool } from '../../../src/ocr/tesseract/index.js';
import type { BoundingBox, OcrPage } from '../../../src/spec/document.js';
import { InputError, ProviderError } from '../../../src/spec/errors.js';
import {
  blankPng,
  fixture,
  onTransparentGround,
  reencoded,
  turned,
  withExifOrientation,
} from './test-images.js';

const MULTICOLUMN = 'images/multicol-test-document.png';

let pool: TesseractPool;
let multicolumn: Uint8Array;
let upright: OcrPage;

beforeAll(async () => {
  pool = new TesseractPool({ size: 2 });
  multicolumn = await fixture(MULTICOLUMN);
  upright = (await pool.recognize(multicolumn, { pageNumber: 1 })).page;
});

afterAll(() => pool.close());

function expectInsidePage(box: BoundingBox): void {
  for (const value of [box.left, box.top, box.width, box.height]) expect(value).toBeGreaterThanOrEqual(0);
  expect(box.left + box.width).toBeLessThanOrEqual(1);
  expect(box.top + box.height).toBeLessThanOrEqual(1);
}

describe('TesseractPool.recognize', () => {
  it('reads the "Textractor Test Document" page into lines of words with boxes and confidences', async () => {
    const { page, warnings } = await pool.recognize(await fixture('documents/single-page-1.png'), {
      pageNumber: 1,
    });

    expect(page).toMatchObject({ pageNumber: 1, unit: 'pixel', width: 1226, height: 1514, angle: 0 });
    expect(page.lines.slice(0, 2).map((line) => line.text)).toEqual(['Textractor Test', 'Document']);
    expect(page.lines.map((line) => line.text)).toContain('Name of package: Textractor');
    expect(page.lines.map((line) => line.id)).toEqual(page.lines.map((_, index) => `p1-l${index}`));
    const words = page.lines.flatMap((line) => line.words ?? []);
    expect(page.words).toBe(words.length);
    for (const item of [...page.lines, ...words]) {
      expect(item.confidence).toBeGreaterThanOrEqual(0);
      expect(item.confidence).toBeLessThanOrEqual(1);
      expectInsidePage(item.box);
    }
    // The title is centred in the top fifth of the page.
    const title = page.lines[0]?.box;
    expect(title?.top).toBeLessThan(0.2);
    expect((title?.left ?? 0) + (title?.width ?? 0) / 2).toBeCloseTo(0.5, 1);
    expect(warnings).toEqual([]);
  });

  it.each([90, 180, 270])('finds a page turned %i° clockwise and reads it upright', async (degrees) => {
    const { page } = await pool.recognize(await turned(multicolumn, degrees), { pageNumber: 1 });

    expect(page).toMatchObject({ angle: degrees, width: upright.width, height: upright.height });
    expect(page.lines.map((line) => line.text)).toEqual(upright.lines.map((line) => line.text));
    // Boxes are those of the upright page.
    const [title, uprightTitle] = [page.lines[0]?.box, upright.lines[0]?.box];
    for (const side of ['left', 'top', 'width', 'height'] as const) {
      expect(title?.[side]).toBeCloseTo(uprightTitle?.[side] ?? Number.NaN, 2);
    }
  });

  it.each(['jpeg', 'webp', 'gif', 'bmp', 'tiff'] as const)('reads %s images', async (format) => {
    const { page } = await pool.recognize(await reencoded(multicolumn, format), { pageNumber: 1 });

    expect(page).toMatchObject({ width: 421, height: 356, angle: 0 });
    expect(page.lines[0]?.text).toBe('Multi-column test document');
  });

  it('reads a phone photo upright as its EXIF orientation says, without counting that as a rotation', async () => {
    // The sensor's pixels lie on their side; the EXIF orientation 6 turns them upright for display.
    const photo = withExifOrientation(await reencoded(await turned(multicolumn, 270), 'jpeg'), 6);

    const { page } = await pool.recognize(photo, { pageNumber: 1 });

    expect(page).toMatchObject({ width: 421, height: 356, angle: 0 });
    expect(page.lines[0]?.text).toBe('Multi-column test document');
  });

  it('reads text on a transparent ground as text on paper', async () => {
    const { page } = await pool.recognize(await onTransparentGround(multicolumn), { pageNumber: 1 });

    // Anti-aliased edges differ by a shade, so a few letters may too.
    expect(page.lines).toHaveLength(upright.lines.length);
    expect(page.lines[0]?.text).toBe('Multi-column test document');
  });

  it('returns a blank page as an empty page with a blank-page warning', async () => {
    const { page, warnings } = await pool.recognize(await blankPng(850, 1100), { pageNumber: 3 });

    expect(page).toMatchObject({ pageNumber: 3, width: 850, height: 1100, angle: 0, lines: [], words: 0 });
    expect(warnings).toEqual([expect.objectContaining({ code: 'blank-page', page: 3 })]);
  });

  it('refuses an image over maxPixels, naming its size, the limit and limits.maxPixels', async () => {
    const image = await fixture('documents/single-page-1.png');

    const recognition = pool.recognize(image, { pageNumber: 1, maxPixels: 1_000_000 });

    await expect(recognition).rejects.toThrow(InputError);
    await expect(recognition).rejects.toThrow(/1226×1514 pixels .*limit of 1 megapixels.*limits\.maxPixels/);
  });

  it('refuses bytes that are not an image', async () => {
    const text = new TextEncoder().encode('Invoice INV-1\nTotal 42.00');

    await expect(pool.recognize(text, { pageNumber: 1 })).rejects.toThrow(InputError);
  });
});

describe('TesseractPool.close', () => {
  it('makes later recognitions fail with a clear error', async () => {
    const closed = new TesseractPool({ size: 1 });
    await closed.close();

    const recognition = closed.recognize(multicolumn, { pageNumber: 1 });

    await expect(recognition).rejects.toThrow(ProviderError);
    await expect(recognition).rejects.toThrow(/pool is closed/);
  });
});
