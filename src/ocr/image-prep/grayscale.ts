/**
 * The page raster every local engine and image-preparation step works on, and the lazily loaded sharp that
 * decodes, turns and rotates it.
 *
 * @module
 */

/** An 8-bit grayscale image, one byte a pixel, row by row. */
export interface Grayscale {
  readonly pixels: Uint8Array;
  readonly width: number;
  readonly height: number;
}

type SharpConstructor = typeof import('sharp')['default'];

let loading: Promise<SharpConstructor> | undefined;

/** sharp, loaded on first use: the native module costs startup time that text-only runs never need. */
export function loadSharp(): Promise<SharpConstructor> {
  loading ??= import('sharp').then(({ default: sharp }) => {
    // Each page is decoded once; libvips' operation cache would only hold pages of finished documents.
    sharp.cache(false);
    return sharp;
  });
  return loading;
}
