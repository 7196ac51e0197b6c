import { describe, expect, it } from 'vitest';
import {
  deskew,
  type Grayscale,
  levelledPage,
  type PixelRect,
  pageOnOriginal,
} from '../../../src/ocr/image-prep/index.js';
import type { OcrPage } from '../../../src/spec/document.js';
import { fixture, grayscaleOf, pngOf, skewedPng, WIDE_TABLE_INVOICE } from './skewed-scans.js';

/** The box around the ink (gray below 128) of `raster`. */
function inkBox(raster: Grayscale): PixelRect {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (let y = 0; y < raster.height; y++) {
    for (let x = 0; x < raster.width; x++) {
      if ((raster.pixels[y * raster.width + x] as number) >= 128) continue;
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x + 1);
      y1 = Math.max(y1, y + 1);
    }
  }
  return { x0, y0, x1, y1 };
}

describe('deskewing a page', () => {
  it('leaves a page turned less than 0.2° as it is', async () => {
    const page = await grayscaleOf(await skewedPng(await fixture(WIDE_TABLE_INVOICE), 0.1));
    const level = await deskew(page);
    expect(level.angle).toBe(0);
    expect(level.raster).toBe(page);
  });

  it('levels a turned page and maps a box on the levelled page back onto the ink of the page as given', async () => {
    const pixels = new Uint8Array(1200 * 1600).fill(255);
    for (let y = 700; y < 760; y++) pixels.fill(0, y * 1200 + 200, y * 1200 + 1000);
    for (let y = 300; y < 330; y++) pixels.fill(0, y * 1200 + 200, y * 1200 + 1000);
    const given = await grayscaleOf(await skewedPng(await pngOf({ pixels, width: 1200, height: 1600 }), 2));

    const level = await deskew(given);
    const levelled = inkBox(level.raster);
    const back = level.mapBoxBack(levelled);
    const truth = inkBox(given);

    expect(level.angle).toBeCloseTo(2, 1);
    // Level bars: the levelled ink is as tall as the two bars and the gap between them, give or take the blur.
    expect(levelled.y1 - levelled.y0).toBeLessThan(460 + 6);
    for (const side of ['x0', 'y0', 'x1', 'y1'] as const)
      expect(Math.abs(back[side] - truth[side])).toBeLessThan(4);
  });

  it('puts a page read on the levelled raster on the given one, and levelling it again gives the reading back', async () => {
    const given = await grayscaleOf(await skewedPng(await fixture(WIDE_TABLE_INVOICE), -1.5));
    const level = await deskew(given);
    const box = { left: 0.1, top: 0.4, width: 0.8, height: 0.02 };
    const read: OcrPage = {
      pageNumber: 1,
      width: level.raster.width,
      height: level.raster.height,
      unit: 'pixel',
      angle: 0,
      lines: [{ id: 'p1-l0', text: 'a row', box, confidence: 1, words: [{ text: 'a', box, confidence: 1 }] }],
      words: 1,
      tables: [],
      keyValues: [],
      selectionMarks: [{ selected: true, box }],
      layout: [],
    };

    const onGiven = pageOnOriginal(read, level, 0);
    expect(onGiven).toMatchObject({
      width: given.width,
      height: given.height,
      angle: expect.closeTo(358.5, 1),
    });
    // Tilted 1.5° counter-clockwise, the row's right end rises: its box grows taller than the level one.
    expect(onGiven.lines[0]?.box.height).toBeGreaterThan(0.02 + 0.01);

    const again = levelledPage(onGiven);
    expect(again.angle).toBe(0);
    for (const levelBox of [
      again.lines[0]?.box,
      again.lines[0]?.words?.[0]?.box,
      again.selectionMarks[0]?.box,
    ]) {
      const inLevelPixels = {
        left:
          ((levelBox?.left ?? 0) * given.width - (given.width - level.raster.width) / 2) / level.raster.width,
        top:
          ((levelBox?.top ?? 0) * given.height - (given.height - level.raster.height) / 2) /
          level.raster.height,
      };
      expect(inLevelPixels.left).toBeCloseTo(box.left, 2);
      expect(inLevelPixels.top).toBeCloseTo(box.top, 2);
    }
  });
});
