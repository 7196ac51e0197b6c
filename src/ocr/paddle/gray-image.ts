/**
 * The 8-bit grayscale image the paddle engine reads, and the sharp pipelines that crop, scale and turn it.
 *
 * The PP-OCR models take three channels, but document text carries no information in colour: one channel copied
 * three times reads the same, and a 100-megapixel photo then holds 100 MB instead of 300 MB.
 *
 * @module
 */
import sharp from 'sharp';
import type { Grayscale } from '../image-prep/grayscale.js';

export type { Grayscale } from '../image-prep/grayscale.js';

/** A region of an image in whole pixels. */
export interface PixelRegion {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** The image (or the `region` of it) scaled to exactly `width` × `height` pixels, and turned clockwise. */
export async function resampleGray(
  image: Grayscale,
  target: {
    readonly width: number;
    readonly height: number;
    readonly region?: PixelRegion;
    readonly turn?: 0 | 90 | 180 | 270;
  },
): Promise<Grayscale> {
  let pipeline = sharp(image.pixels, { raw: { width: image.width, height: image.height, channels: 1 } });
  if (target.region !== undefined) pipeline = pipeline.extract(target.region);
  // Called after resize, sharp turns the resized image; called before, it would extract from the turned one.
  const sideways = target.turn === 90 || target.turn === 270;
  pipeline = pipeline.resize({
    width: sideways ? target.height : target.width,
    height: sideways ? target.width : target.height,
    fit: 'fill',
  });
  if (target.turn) pipeline = pipeline.rotate(target.turn);
  const { data, info } = await pipeline.toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  return { pixels: data, width: info.width, height: info.height };
}

/** The image turned clockwise by `quarterTurns` × 90°. */
export async function turnGray(image: Grayscale, quarterTurns: number): Promise<Grayscale> {
  const turns = ((quarterTurns % 4) + 4) % 4;
  if (turns === 0) return image;
  const sideways = turns % 2 === 1;
  return resampleGray(image, {
    width: sideways ? image.height : image.width,
    height: sideways ? image.width : image.height,
    turn: (turns * 90) as 90 | 180 | 270,
  });
}

/** The image turned by 180°: for one channel, its pixels in reverse order. */
export function upsideDown(image: Grayscale): Grayscale {
  return { ...image, pixels: image.pixels.slice().reverse() };
}
