/**
 * Images the tesseract tests make from the fixtures: turned, re-encoded in other formats, or blank. The canvas
 * encodes PNG, JPEG, WebP and GIF; BMP and TIFF are written here, uncompressed.
 */
import { readFile } from 'node:fs/promises';
import { createCanvas, type ImageData, loadImage } from '@napi-rs/canvas';

const FIXTURES = new URL('../../fixtures/', import.meta.url);

/** A fixture's bytes, by its path under tests/fixtures/. */
export async function fixture(path: string): Promise<Uint8Array> {
  return readFile(new URL(path, FIXTURES));
}

/** The image turned clockwise by `degrees` (a multiple of 90), as PNG. */
export async function turned(image: Uint8Array, degrees: number): Promise<Uint8Array> {
  const source = await loadImage(image);
  const sideways = degrees % 180 !== 0;
  const canvas = createCanvas(
    sideways ? source.height : source.width,
    sideways ? source.width : source.height,
  );
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.translate(canvas.width / 2, canvas.height / 2);
  context.rotate((degrees * Math.PI) / 180);
  context.drawImage(source, -source.width / 2, -source.height / 2);
  return canvas.encode('png');
}

/** A white PNG of the given size. */
export async function blankPng(width: number, height: number): Promise<Uint8Array> {
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  return canvas.encode('png');
}

/** The image with its white pixels made transparent, as PNG. */
export async function onTransparentGround(image: Uint8Array): Promise<Uint8Array> {
  const source = await loadImage(image);
  const canvas = createCanvas(source.width, source.height);
  const context = canvas.getContext('2d');
  context.drawImage(source, 0, 0);
  const pixels = context.getImageData(0, 0, source.width, source.height);
  for (let i = 0; i < pixels.data.length; i += 4) {
    if ((pixels.data[i] ?? 0) > 250) pixels.data[i + 3] = 0;
  }
  context.putImageData(pixels, 0, 0);
  return canvas.encode('png');
}

/**
 * A JPEG with an EXIF APP1 segment holding only an orientation tag, big-endian as phones write it: 6 means
 * "turn 90° clockwise to display".
 */
export function withExifOrientation(jpeg: Uint8Array, orientation: number): Uint8Array {
  const exif = new Uint8Array(2 + 2 + 6 + 26);
  const view = new DataView(exif.buffer);
  exif.set([0xff, 0xe1]); // APP1
  view.setUint16(2, exif.length - 2);
  exif.set([0x45, 0x78, 0x69, 0x66, 0, 0], 4); // 'Exif\0\0'
  const tiff = 10;
  exif.set([0x4d, 0x4d, 0, 42], tiff); // 'MM\0*'
  view.setUint32(tiff + 4, 8); // the first IFD follows the header
  view.setUint16(tiff + 8, 1); // one entry
  view.setUint16(tiff + 10, 0x0112); // Orientation
  view.setUint16(tiff + 12, 3); // SHORT
  view.setUint32(tiff + 14, 1);
  view.setUint16(tiff + 18, orientation);
  // After SOI, before everything else.
  const result = new Uint8Array(jpeg.length + exif.length);
  result.set(jpeg.subarray(0, 2));
  result.set(exif, 2);
  result.set(jpeg.subarray(2), 2 + exif.length);
  return result;
}

/** The image re-encoded as `format`. */
export async function reencoded(
  image: Uint8Array,
  format: 'jpeg' | 'webp' | 'gif' | 'bmp' | 'tiff',
): Promise<Uint8Array> {
  const source = await loadImage(image);
  const canvas = createCanvas(source.width, source.height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, source.width, source.height);
  context.drawImage(source, 0, 0);
  if (format === 'bmp') return encodeBmp(context.getImageData(0, 0, source.width, source.height));
  if (format === 'tiff') return encodeTiff(context.getImageData(0, 0, source.width, source.height));
  return format === 'gif' ? canvas.encode('gif') : canvas.encode(format);
}

/** A 24-bit bottom-up BMP with a BITMAPINFOHEADER. */
function encodeBmp({ width, height, data }: ImageData): Uint8Array {
  const rowBytes = Math.ceil((width * 3) / 4) * 4;
  const offset = 54;
  const bytes = new Uint8Array(offset + rowBytes * height);
  const view = new DataView(bytes.buffer);
  bytes.set([0x42, 0x4d]); // 'BM'
  view.setUint32(2, bytes.length, true);
  view.setUint32(10, offset, true);
  view.setUint32(14, 40, true);
  view.setInt32(18, width, true);
  view.setInt32(22, height, true);
  view.setUint16(26, 1, true);
  view.setUint16(28, 24, true);
  view.setUint32(34, rowBytes * height, true);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = (y * width + x) * 4;
      const to = offset + (height - 1 - y) * rowBytes + x * 3;
      bytes.set([data[from + 2] ?? 0, data[from + 1] ?? 0, data[from] ?? 0], to); // BGR
    }
  }
  return bytes;
}

/** A little-endian baseline TIFF: one uncompressed RGB strip. */
function encodeTiff({ width, height, data }: ImageData): Uint8Array {
  const SHORT = 3;
  const LONG = 4;
  const pixelBytes = width * height * 3;
  const entries: [tag: number, type: number, count: number, value: number][] = [
    [256, LONG, 1, width], // ImageWidth
    [257, LONG, 1, height], // ImageLength
    [258, SHORT, 3, 0], // BitsPerSample: 8, 8, 8 at the offset patched below
    [259, SHORT, 1, 1], // Compression: none
    [262, SHORT, 1, 2], // PhotometricInterpretation: RGB
    [273, LONG, 1, 0], // StripOffsets: patched below
    [277, SHORT, 1, 3], // SamplesPerPixel
    [278, LONG, 1, height], // RowsPerStrip
    [279, LONG, 1, pixelBytes], // StripByteCounts
  ];
  const ifd = 8;
  const bitsPerSample = ifd + 2 + entries.length * 12 + 4;
  const strip = bitsPerSample + 6;
  const bytes = new Uint8Array(strip + pixelBytes);
  const view = new DataView(bytes.buffer);
  bytes.set([0x49, 0x49, 42, 0]); // 'II*\0'
  view.setUint32(4, ifd, true);
  view.setUint16(ifd, entries.length, true);
  entries.forEach(([tag, type, count, value], index) => {
    const entry = ifd + 2 + index * 12;
    view.setUint16(entry, tag, true);
    view.setUint16(entry + 2, type, true);
    view.setUint32(entry + 4, count, true);
    if (tag === 258) view.setUint32(entry + 8, bitsPerSample, true);
    else if (tag === 273) view.setUint32(entry + 8, strip, true);
    else if (type === SHORT) view.setUint16(entry + 8, value, true);
    else view.setUint32(entry + 8, value, true);
  });
  for (const sample of [0, 2, 4]) view.setUint16(bitsPerSample + sample, 8, true);
  for (let pixel = 0, to = strip; pixel < width * height; pixel++, to += 3) {
    bytes.set([data[pixel * 4] ?? 0, data[pixel * 4 + 1] ?? 0, data[pixel * 4 + 2] ?? 0], to);
  }
  return bytes;
}
