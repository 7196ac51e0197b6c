/**
 * Levelling a slightly tilted page before OCR, and mapping what is found on the levelled page back onto the
 * page as it was given, so boxes still point at the right ink.
 *
 * For engines that read level text better than tilted text, such as one cutting each line out as an upright
 * rectangle to recognise it. Measure before using it: tesseract reads pages tilted by up to 5° better as they
 * are (it finds tilted lines itself, and splits level tables into column blocks), so the tesseract provider
 * only records the tilt (`bench/skew-rows.ts`). A page is turned about its centre onto a canvas grown to hold
 * all of it.
 *
 * @module
 */
import { estimateSkew, NEGLIGIBLE_SKEW } from './estimate-skew.js';
import { type Grayscale, loadSharp } from './grayscale.js';

/** A box in pixels: x0, y0 its top-left corner, x1, y1 its bottom-right one (exclusive). */
export interface PixelRect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** A page levelled by {@link deskew}. */
export interface DeskewedRaster {
  /** The clockwise tilt found and undone, in degrees; 0 when the page was left as it was. */
  readonly angle: number;
  /** The levelled page (the input itself when `angle` is 0). */
  readonly raster: Grayscale;
  /** The size of the page as given. */
  readonly original: { readonly width: number; readonly height: number };
  /**
   * The box around a pixel box of the levelled page, on the page as given. An engine that also turned the
   * levelled page by `quarterTurns` × 90° clockwise (to read it upright) gets boxes on the given page turned
   * alike: turns about the centre commute, so one tilt undoes both.
   */
  readonly mapBoxBack: (box: PixelRect, quarterTurns?: number) => PixelRect;
}

/** Options of {@link deskew}. */
export interface DeskewOptions {
  /** Tilts smaller than this, in degrees, are left alone. @default {@link NEGLIGIBLE_SKEW} (0.2) */
  readonly minAngle?: number;
  /** The largest tilt corrected, in degrees. @default 5 */
  readonly maxAngle?: number;
}

/**
 * `raster` levelled: its tilt estimated from its ink ({@link estimateSkew}) and turned away with sharp, with
 * the mapping that takes boxes found on the levelled page back to `raster`.
 *
 * @example
 * ```ts
 * const level = await deskew(scan);
 * const lines = await readLines(level.raster);
 * const boxes = lines.map((line) => level.mapBoxBack(line.bbox));
 * ```
 */
export async function deskew(raster: Grayscale, options: DeskewOptions = {}): Promise<DeskewedRaster> {
  const angle = estimateSkew(raster, { maxAngle: options.maxAngle ?? 5 });
  const original = { width: raster.width, height: raster.height };
  if (Math.abs(angle) < (options.minAngle ?? NEGLIGIBLE_SKEW)) {
    return { angle: 0, raster, original, mapBoxBack: (box) => box };
  }
  const levelled = await rotateRaster(raster, -angle);
  return {
    angle,
    raster: levelled,
    original,
    mapBoxBack: (box, quarterTurns = 0) =>
      unrotateBox(box, turnedSize(levelled, quarterTurns), turnedSize(original, quarterTurns), -angle),
  };
}

/** The size of an image turned by `quarterTurns` × 90°. */
export function turnedSize(
  size: { readonly width: number; readonly height: number },
  quarterTurns: number,
): { width: number; height: number } {
  return quarterTurns % 2 === 0
    ? { width: size.width, height: size.height }
    : { width: size.height, height: size.width };
}

/**
 * `raster` turned clockwise by `degrees` about its centre, on a white canvas grown to hold all of it.
 *
 * Resampled from the nearest pixel, not interpolated: interpolation (bilinear, as sharp's `rotate` does,
 * bicubic, LBB, VSQBS alike) greys the edges of every stroke, and on a levelled generated invoice tesseract
 * then split the table into column blocks and dropped its column of one-digit quantities at −2, −1, 0.7 and
 * 1.5°; read after a nearest-pixel turn, it kept the rows whole at −1, 0.7 and 1.5°. At a few degrees the
 * staircase this leaves on edges is a pixel high, as on any scan.
 */
export async function rotateRaster(raster: Grayscale, degrees: number): Promise<Grayscale> {
  const sharp = await loadSharp();
  const radians = (degrees * Math.PI) / 180;
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  const { data, info } = await sharp(raster.pixels, {
    raw: { width: raster.width, height: raster.height, channels: 1 },
  })
    .affine(
      [
        [cos, -sin],
        [sin, cos],
      ],
      { background: '#ffffff', interpolator: 'nearest' },
    )
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { pixels: data, width: info.width, height: info.height };
}

/**
 * The box around `box` of an image that is `from` turned clockwise by `degrees` about its centre, in the
 * pixels of `from`: its corners turned back, exact for every point of the box.
 */
export function unrotateBox(
  box: PixelRect,
  turned: { readonly width: number; readonly height: number },
  from: { readonly width: number; readonly height: number },
  degrees: number,
): PixelRect {
  const radians = (-degrees * Math.PI) / 180;
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const [x, y] of [
    [box.x0, box.y0],
    [box.x1, box.y0],
    [box.x0, box.y1],
    [box.x1, box.y1],
  ] as const) {
    const dx = x - turned.width / 2;
    const dy = y - turned.height / 2;
    const backX = from.width / 2 + dx * cos - dy * sin;
    const backY = from.height / 2 + dx * sin + dy * cos;
    x0 = Math.min(x0, backX);
    y0 = Math.min(y0, backY);
    x1 = Math.max(x1, backX);
    y1 = Math.max(y1, backY);
  }
  return {
    x0: Math.max(0, x0),
    y0: Math.max(0, y0),
    x1: Math.min(from.width, x1),
    y1: Math.min(from.height, y1),
  };
}
