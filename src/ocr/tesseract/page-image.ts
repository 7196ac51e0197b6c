/**
 * Decoding page images with libvips (through sharp) into the 8-bit grayscale tesseract reads, and turning them.
 *
 * libvips reports a damaged file (a bad PNG chunk checksum, a truncated JPEG) as an error, where the canvas
 * decoder this replaced could crash the whole process on one; it also reads TIFF itself.
 *
 * @module
 */
import type { Canvas } from '@napi-rs/canvas';
import type { Sharp, SharpOptions } from 'sharp';
import { readImageSize } from '../../document/image-size.js';
import { formatMegapixels, limitSetting } from '../../document/limits.js';
import { sniffMediaType } from '../../document/media-type.js';
import { InputError, messageOf } from '../../spec/errors.js';
import { quotableMessage } from '../../util/quotable-message.js';
import { type Grayscale, loadSharp } from '../image-prep/grayscale.js';

/** How {@link decodePageImage} names and checks the image. */
export interface DecodeOptions {
  /** How error messages name the image, e.g. `The image of page 2`. */
  readonly label: string;
  /** The most pixels (width × height) the image may have. */
  readonly maxPixels: number;
  /** Re-encodes a BMP, which libvips does not read, as PNG. */
  readonly bmpToPng: (bmp: Uint8Array) => Promise<Uint8Array>;
}

export type { Grayscale } from '../image-prep/grayscale.js';

/**
 * Decodes a PNG, JPEG, TIFF, BMP, WEBP or GIF image to grayscale, upright as its EXIF orientation says, with
 * transparent pixels on white (they would read as black: paper is white).
 *
 * @throws {@link InputError} when the bytes are not one of these images, are damaged, or have more than
 * `maxPixels` pixels.
 */
export async function decodePageImage(bytes: Uint8Array, options: DecodeOptions): Promise<Grayscale> {
  const { label, maxPixels } = options;
  const mediaType = sniffMediaType(bytes);
  if (mediaType === undefined || mediaType === 'application/pdf') {
    throw new InputError(
      `${label} is not an image; pass the bytes of a PNG, JPEG, TIFF, BMP, WebP or GIF file.`,
    );
  }
  const size = readImageSize(bytes, mediaType);
  if (size === undefined) {
    throw new InputError(
      `${label} has a damaged or truncated ${mediaType} header; check the file or re-export it.`,
    );
  }
  // Checked on the header, before decoding allocates width × height bytes.
  if (size.width * size.height > maxPixels) {
    throw new InputError(
      `${label} is ${size.width}×${size.height} pixels (${formatMegapixels(size.width * size.height)} megapixels), over the limit of ${formatMegapixels(maxPixels)} megapixels; raise ${limitSetting('maxPixels')} or downscale the image.`,
    );
  }
  const sharp = await loadSharp();
  // libvips has no BMP loader; leptonica, inside tesseract's WebAssembly, converts it where a crash is contained.
  const decodable = mediaType === 'image/bmp' ? await options.bmpToPng(bytes) : bytes;
  // Whatever can be decoded is read, as a photo viewer shows it: a truncated JPEG or a bad checksum in a PNG
  // usually leaves most of the page readable (40 damaged copies of each of 5 fixtures: 163 of 200 decode this
  // way, 45 when every libvips error fails). Only what cannot be decoded at all is an error.
  return grayscaleOf(
    sharp(decodable, { limitInputPixels: maxPixels, failOn: 'none' })
      .autoOrient()
      .flatten({ background: '#ffffff' }),
    label,
  );
}

/** The image turned clockwise by `quarterTurns` × 90°. */
export async function turnGrayscale(image: Grayscale, quarterTurns: number): Promise<Grayscale> {
  if (quarterTurns % 4 === 0) return image;
  const sharp = await loadSharp();
  const raw: SharpOptions['raw'] = { width: image.width, height: image.height, channels: 1 };
  return grayscaleOf(sharp(image.pixels, { raw }).rotate(quarterTurns * 90), 'The turned page image');
}

/**
 * The grayscale of a page image for a local engine: an image file's bytes decoded (see {@link decodePageImage}),
 * or a PDF page already rendered, read from its canvas.
 *
 * @throws {@link InputError} as {@link decodePageImage} does.
 */
export function pageGrayscale(
  image: Uint8Array | { readonly canvas: Canvas },
  options: DecodeOptions,
): Promise<Grayscale> {
  return image instanceof Uint8Array
    ? decodePageImage(image, options)
    : Promise.resolve(canvasGrayscale(image.canvas));
}

/**
 * A rendered canvas in grayscale, read from its own RGBA pixels without the copy getImageData makes; they are
 * premultiplied, which changes nothing on an opaque canvas.
 */
export function canvasGrayscale(canvas: Canvas): Grayscale {
  return { pixels: luma(canvas.data(), 4), width: canvas.width, height: canvas.height };
}

/**
 * The ITU-R BT.601 luma of interleaved pixels with `channels` channels (red, green and blue first), in fixed
 * point: (77 R + 150 G + 29 B) / 256. One formula for decoded images and rendered pages alike, so tesseract
 * sees the same gray whatever the source.
 */
function luma(pixels: Uint8Array, channels: number): Uint8Array {
  if (channels < 3) return channels === 1 ? pixels : pixels.filter((_, index) => index % channels === 0);
  const gray = new Uint8Array(pixels.length / channels);
  for (let from = 0, to = 0; to < gray.length; from += channels, to++) {
    gray[to] = ((pixels[from] ?? 0) * 77 + (pixels[from + 1] ?? 0) * 150 + (pixels[from + 2] ?? 0) * 29) >> 8;
  }
  return gray;
}

/** The image as a binary PGM (P5) file: tesseract reads it faster than a PNG, and it crosses to its thread whole. */
export function toPgm({ pixels, width, height }: Grayscale): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${width} ${height}\n255\n`);
  const pgm = new Uint8Array(header.length + pixels.length);
  pgm.set(header);
  pgm.set(pixels, header.length);
  return pgm;
}

async function grayscaleOf(pipeline: Sharp, label: string): Promise<Grayscale> {
  try {
    const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
    return { pixels: luma(data, info.channels), width: info.width, height: info.height };
  } catch (error) {
    throw new InputError(
      `${label} cannot be decoded (${quotableMessage(messageOf(error))}); check the file or re-export it.`,
      {
        cause: error,
      },
    );
  }
}
