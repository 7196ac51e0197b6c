/**
 * Reading a page raster as ink or paper, pixel by pixel, for the shape and fill tests of selection marks.
 *
 * @module
 */
import type { Grayscale } from '../image-prep/grayscale.js';

/** A page raster split at a threshold into ink (at or below it) and paper. */
export class InkMask {
  readonly width: number;
  readonly height: number;
  readonly #pixels: Uint8Array;
  readonly #threshold: number;

  constructor(raster: Grayscale, threshold: number) {
    this.width = raster.width;
    this.height = raster.height;
    this.#pixels = raster.pixels;
    this.#threshold = threshold;
  }

  /** Whether the pixel at (x, y) is ink; outside the raster is paper. */
  isInk(x: number, y: number): boolean {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return false;
    return (this.#pixels[y * this.width + x] as number) <= this.#threshold;
  }

  /** How many ink pixels the rectangle [left, right) × [top, bottom) holds. */
  inkIn(left: number, top: number, right: number, bottom: number): number {
    let ink = 0;
    for (let y = Math.max(0, top); y < Math.min(this.height, bottom); y++) {
      for (let x = Math.max(0, left); x < Math.min(this.width, right); x++) if (this.isInk(x, y)) ink++;
    }
    return ink;
  }
}
