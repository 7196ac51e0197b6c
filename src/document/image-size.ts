/**
 * Reading an image's pixel size from its header, without decoding it and without dependencies.
 *
 * @module
 */

import type { MediaType } from '../spec/document.js';

/** An image's size in pixels. */
interface PixelSize {
  width: number;
  height: number;
}

type SizeReader = (view: DataView) => PixelSize | undefined;

const PNG_IHDR = 0x49484452;

const JPEG_SOS = 0xda;
const JPEG_EOI = 0xd9;
// Define Huffman table, reserved and define arithmetic coding: in the SOF range, but not frames.
const JPEG_NON_FRAME_MARKERS = new Set([0xc4, 0xc8, 0xcc]);

const VP8_START_CODE = 0x9d012a;
const VP8L_SIGNATURE = 0x2f;
const FOURTEEN_BITS = 0x3fff;

const TIFF_LITTLE_ENDIAN = 0x4949;
const TIFF_IMAGE_WIDTH = 256;
const TIFF_IMAGE_LENGTH = 257;
const TIFF_SHORT = 3;
const TIFF_LONG = 4;
const TIFF_ENTRY_SIZE = 12;

const READERS: ReadonlyMap<MediaType, SizeReader> = new Map([
  ['image/png', readPngSize],
  ['image/jpeg', readJpegSize],
  ['image/gif', readGifSize],
  ['image/bmp', readBmpSize],
  ['image/webp', readWebpSize],
  ['image/tiff', readTiffSize],
]);

/**
 * The pixel width and height of an image, read from its header: PNG `IHDR`, JPEG `SOFn` markers, GIF,
 * BMP, WEBP (`VP8`, `VP8L`, `VP8X`) and TIFF (tags 256/257 of the first IFD, either byte order).
 *
 * @param bytes - The image's content.
 * @param mediaType - The sniffed media type of `bytes`.
 * @returns The size, or `undefined` when `mediaType` is not an image or the header is truncated or malformed.
 */
export function readImageSize(
  bytes: Uint8Array,
  mediaType: MediaType,
): { width: number; height: number } | undefined {
  const read = READERS.get(mediaType);
  if (read === undefined) return undefined;
  try {
    const size = read(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return size !== undefined && size.width > 0 && size.height > 0 ? size : undefined;
  } catch (error) {
    // DataView throws RangeError on a read past the end: the header is truncated.
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

function readPngSize(view: DataView): PixelSize | undefined {
  if (view.getUint32(12) !== PNG_IHDR) return undefined;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function readGifSize(view: DataView): PixelSize {
  return { width: view.getUint16(6, true), height: view.getUint16(8, true) };
}

function readBmpSize(view: DataView): PixelSize {
  // OS/2 1.x headers (12 bytes) store 16-bit sizes; all later ones 32-bit, with a negative height for
  // top-down bitmaps.
  if (view.getUint32(14, true) === 12)
    return { width: view.getUint16(18, true), height: view.getUint16(20, true) };
  return { width: view.getInt32(18, true), height: Math.abs(view.getInt32(22, true)) };
}

function readWebpSize(view: DataView): PixelSize | undefined {
  switch (fourCharacterCode(view, 12)) {
    case 'VP8 ': // lossy: 14-bit sizes after the key frame's start code
      if ((view.getUint32(22) & 0xffffff) !== VP8_START_CODE) return undefined; // bytes 23-25
      return {
        width: view.getUint16(26, true) & FOURTEEN_BITS,
        height: view.getUint16(28, true) & FOURTEEN_BITS,
      };
    case 'VP8L': {
      // lossless: width - 1 and height - 1 packed as two 14-bit fields
      if (view.getUint8(20) !== VP8L_SIGNATURE) return undefined;
      const bits = view.getUint32(21, true);
      return { width: (bits & FOURTEEN_BITS) + 1, height: ((bits >>> 14) & FOURTEEN_BITS) + 1 };
    }
    case 'VP8X': // extended: canvas width - 1 and height - 1 as 24-bit fields
      return { width: readUint24(view, 24) + 1, height: readUint24(view, 27) + 1 };
    default:
      return undefined;
  }
}

function readJpegSize(view: DataView): PixelSize | undefined {
  let offset = 2; // after SOI
  for (;;) {
    if (view.getUint8(offset) !== 0xff) return undefined;
    // Any number of 0xFF fill bytes may precede a marker.
    let marker = view.getUint8(offset + 1);
    while (marker === 0xff) marker = view.getUint8(++offset + 1);
    if (isJpegFrameMarker(marker))
      return { width: view.getUint16(offset + 7), height: view.getUint16(offset + 5) };
    // Past SOS comes entropy-coded data, so a frame header that was not found before it does not exist.
    if (marker === JPEG_SOS || marker === JPEG_EOI) return undefined;
    offset += 2 + (isStandaloneJpegMarker(marker) ? 0 : view.getUint16(offset + 2));
  }
}

function isJpegFrameMarker(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && !JPEG_NON_FRAME_MARKERS.has(marker);
}

// TEM, RSTn and SOI carry no length field.
function isStandaloneJpegMarker(marker: number): boolean {
  return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8);
}

function readTiffSize(view: DataView): PixelSize | undefined {
  const littleEndian = view.getUint16(0) === TIFF_LITTLE_ENDIAN;
  const ifd = view.getUint32(4, littleEndian);
  const entryCount = view.getUint16(ifd, littleEndian);
  let width: number | undefined;
  let height: number | undefined;
  for (let i = 0; i < entryCount && (width === undefined || height === undefined); i++) {
    const entry = ifd + 2 + i * TIFF_ENTRY_SIZE;
    const tag = view.getUint16(entry, littleEndian);
    if (tag === TIFF_IMAGE_WIDTH) width = readTiffInteger(view, entry, littleEndian);
    else if (tag === TIFF_IMAGE_LENGTH) height = readTiffInteger(view, entry, littleEndian);
  }
  return width !== undefined && height !== undefined ? { width, height } : undefined;
}

// A single SHORT or LONG value sits left-aligned in the entry's 4-byte value field.
function readTiffInteger(view: DataView, entry: number, littleEndian: boolean): number | undefined {
  const type = view.getUint16(entry + 2, littleEndian);
  if (type === TIFF_SHORT) return view.getUint16(entry + 8, littleEndian);
  if (type === TIFF_LONG) return view.getUint32(entry + 8, littleEndian);
  return undefined;
}

function fourCharacterCode(view: DataView, offset: number): string {
  return String.fromCharCode(
    view.getUint8(offset),
    view.getUint8(offset + 1),
    view.getUint8(offset + 2),
    view.getUint8(offset + 3),
  );
}

function readUint24(view: DataView, offset: number): number {
  return view.getUint16(offset, true) | (view.getUint8(offset + 2) << 16);
}
