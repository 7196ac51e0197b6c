/**
 * Decoding a page image with `@napi-rs/canvas`, and turning it into the grayscale PGM tesseract reads.
 *
 * @module
 */
import type { Canvas, Image } from '@napi-rs/canvas';
import { readImageSize } from '../../document/image-size.js';
import { formatMegapixels } from '../../document/limits.js';
import { sniffMediaType } from '../../document/media-type.js';
import { InputError, messageOf } from '../../errors.js';

/** How {@link decodePageImage} names and checks the image. */
export interface DecodeOptions {
  /** How error messages name the image, e.g. `The image of page 2`. */
  readonly label: string;
  /** The most pixels (width × height) the image may have. */
  readonly maxPixels: number;
  /** Re-encodes a TIFF as PNG. */
  readonly tiffToPng: (tiff: Uint8Array) => Promise<Uint8Array>;
}

/** An 8-bit grayscale image as a binary PGM (P5) file, with its size in pixels. */
export interface Grayscale {
  readonly pgm: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/**
 * Decodes a PNG, JPEG, TIFF, BMP, WEBP or GIF image, upright as its EXIF orientation says.
 *
 * @throws {@link InputError} when the bytes are not one of these images, cannot be decoded, or have more than
 * `maxPixels` pixels.
 */
export async function decodePageImage(bytes: Uint8Array, options: DecodeOptions): Promise<Image> {
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
  // Checked on the header, before decoding allocates width × height × 4 bytes.
  if (size.width * size.height > maxPixels) {
    throw new InputError(
      `${label} is ${size.width}×${size.height} pixels (${formatMegapixels(size.width * size.height)} megapixels), over the limit of ${formatMegapixels(maxPixels)} megapixels; raise limits.maxPixels or downscale the image.`,
    );
  }
  // @napi-rs/canvas crashes the process (a segmentation fault) on TIFF, so leptonica decodes it instead.
  const decodable = mediaType === 'image/tiff' ? await options.tiffToPng(bytes) : bytes;
  const { loadImage } = await import('@napi-rs/canvas');
  return loadImage(decodable).catch((error: unknown) => {
    const message = `${label} cannot be decoded (${messageOf(error)}); check the file or re-export it.`;
    throw new InputError(message, { cause: error });
  });
}

/**
 * The image turned clockwise by `quarterTurns` × 90°, in grayscale: tesseract binarises it anyway, reads a PGM
 * faster than a PNG, and a quarter of the RGBA bytes crosses to its worker thread faster.
 */
export async function grayscale(image: Image | Canvas, quarterTurns: number): Promise<Grayscale> {
  const sideways = quarterTurns % 2 === 1;
  const width = sideways ? image.height : image.width;
  const height = sideways ? image.width : image.height;
  const { createCanvas } = await import('@napi-rs/canvas');
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  // Transparent pixels would read as black; drawn over white, they are paper.
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  context.translate(width / 2, height / 2);
  context.rotate((quarterTurns * Math.PI) / 2);
  context.drawImage(image, -image.width / 2, -image.height / 2);
  // The canvas's own RGBA pixels, without the copy getImageData makes; they are premultiplied, which changes
  // nothing on an opaque canvas.
  const rgba = canvas.data();
  const header = new TextEncoder().encode(`P5\n${width} ${height}\n255\n`);
  const pgm = new Uint8Array(header.length + width * height);
  pgm.set(header);
  for (let from = 0, to = header.length; to < pgm.length; from += 4, to++) {
    // ITU-R BT.601 luma in fixed point: (77 R + 150 G + 29 B) / 256.
    pgm[to] = ((rgba[from] ?? 0) * 77 + (rgba[from + 1] ?? 0) * 150 + (rgba[from + 2] ?? 0) * 29) >> 8;
  }
  return { pgm, width, height };
}
