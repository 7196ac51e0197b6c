import { describe, expect, it } from 'vitest';
import { textRegions } from '../../../src/ocr/paddle/text-regions.js';

/** A probability map `width` × `height` with the given rectangles (x, y, w, h) at probability `p`. */
function map(width: number, height: number, blobs: readonly [number, number, number, number, number][]) {
  const values = new Float32Array(width * height);
  for (const [x, y, w, h, p] of blobs) {
    for (let row = y; row < y + h; row++) values.fill(p, row * width + x, row * width + x + w);
  }
  return { values, width, height };
}

describe('text regions from a probability map', () => {
  it('grows each confident blob back to its text, as PaddleOCR unclips it', () => {
    const [region, ...rest] = textRegions(map(100, 40, [[10, 10, 40, 8, 0.9]]));
    expect(rest).toEqual([]);
    // Offset = area × 1.5 / perimeter = 320 × 1.5 / 96 = 5 on every side.
    expect(region).toMatchObject({ left: 5, top: 5, width: 50, height: 18 });
    expect(region?.score).toBeCloseTo(0.9, 5);
  });

  it('drops faint blobs and specks', () => {
    expect(textRegions(map(100, 40, [[10, 10, 40, 8, 0.5]]))).toEqual([]);
    expect(textRegions(map(100, 40, [[10, 10, 2, 2, 0.9]]))).toEqual([]);
  });

  it('joins the words of a line, keeps columns apart, and lists lines top to bottom', () => {
    const regions = textRegions(
      map(300, 80, [
        [10, 50, 30, 8, 0.9], // second line
        [10, 10, 40, 8, 0.9], // first line, first word
        [54, 10, 30, 8, 0.9], // first line, second word, 4 pixels on
        [200, 10, 40, 8, 0.9], // a column far to the right
      ]),
    );
    expect(regions.map((region) => Math.round(region.left))).toEqual([5, 195, 5]);
    expect(regions.map((region) => Math.round(region.top))).toEqual([5, 5, 45]);
  });
});
