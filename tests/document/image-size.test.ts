import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { readImageSize } from '../../src/document/image-size.js';
import type { MediaType } from '../../src/spec/document.js';

const FIXTURES = new URL('../fixtures/documents/', import.meta.url);

// Headers are assembled from byte groups; only the fields the reader looks at carry meaning.
const ascii = (text: string): number[] => Array.from(text, (char) => char.charCodeAt(0));
const zeros = (length: number): number[] => new Array<number>(length).fill(0);
const header = (...parts: (number | number[])[]): Uint8Array => Uint8Array.from(parts.flat());

function int(byteLength: 2 | 3 | 4, value: number, littleEndian: boolean): number[] {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value >>> 0, littleEndian);
  // Big-endian keeps the low bytes at the end; little-endian at the start.
  return Array.from(littleEndian ? bytes.subarray(0, byteLength) : bytes.subarray(4 - byteLength));
}
const be16 = (value: number) => int(2, value, false);
const be32 = (value: number) => int(4, value, false);
const le16 = (value: number) => int(2, value, true);
const le24 = (value: number) => int(3, value, true);
const le32 = (value: number) => int(4, value, true);

const png = (width: number, height: number) =>
  header(
    0x89,
    ascii('PNG\r\n\x1a\n'),
    be32(13),
    ascii('IHDR'),
    be32(width),
    be32(height),
    [8, 6, 0, 0, 0],
    zeros(4),
  );

const gif = (width: number, height: number) => header(ascii('GIF89a'), le16(width), le16(height), zeros(3));

const bmp = (width: number, height: number) =>
  header(ascii('BM'), zeros(4), zeros(4), le32(54), le32(40), le32(width), le32(height), le16(1), le16(24));

const os2Bmp = (width: number, height: number) =>
  header(ascii('BM'), zeros(4), zeros(4), le32(26), le32(12), le16(width), le16(height), le16(1), le16(24));

const riff = (chunk: string, payload: (number | number[])[]) =>
  header(ascii('RIFF'), le32(0), ascii('WEBP'), ascii(chunk), le32(0), ...payload);

const webpLossy = (width: number, height: number) =>
  riff('VP8 ', [zeros(3), [0x9d, 0x01, 0x2a], le16(width), le16(height)]);

const webpLossless = (width: number, height: number) =>
  riff('VP8L', [0x2f, le32(((height - 1) << 14) | (width - 1))]);

const webpExtended = (width: number, height: number) =>
  riff('VP8X', [zeros(4), le24(width - 1), le24(height - 1)]);

function tiff(width: number, height: number, littleEndian: boolean): Uint8Array {
  const u16 = (value: number) => int(2, value, littleEndian);
  const u32 = (value: number) => int(4, value, littleEndian);
  const entry = (tag: number, type: number, value: number[]) => [u16(tag), u16(type), u32(1), value].flat();
  return header(
    ascii(littleEndian ? 'II' : 'MM'),
    u16(42),
    u32(8), // first IFD right after the header
    u16(3),
    entry(254, 4, u32(0)), // NewSubfileType, to show other tags are skipped
    entry(256, 3, [...u16(width), 0, 0]), // ImageWidth as SHORT
    entry(257, 4, u32(height)), // ImageLength as LONG
    u32(0),
  );
}

const jpegSegment = (marker: number, payload: number[]) => [
  0xff,
  marker,
  ...be16(payload.length + 2),
  ...payload,
];
const JPEG_APP0 = jpegSegment(0xe0, [...ascii('JFIF\0'), 1, 1, 0, ...zeros(6)]);
const JPEG_DHT = jpegSegment(0xc4, zeros(17));
const jpegFrame = (marker: number, width: number, height: number) =>
  jpegSegment(marker, [8, ...be16(height), ...be16(width), 1, 1, 0x11, 0]);

// SOF2 (progressive), with fill bytes and a table segment in the SOF marker range before it.
const jpeg = (width: number, height: number) =>
  header([0xff, 0xd8], JPEG_APP0, JPEG_DHT, [0xff, 0xff], jpegFrame(0xc2, width, height));

const HEADERS: [string, MediaType, Uint8Array][] = [
  ['PNG', 'image/png', png(640, 480)],
  ['GIF', 'image/gif', gif(640, 480)],
  ['BMP (Windows header)', 'image/bmp', bmp(640, 480)],
  ['BMP (top-down, negative height)', 'image/bmp', bmp(640, -480)],
  ['BMP (OS/2 1.x header)', 'image/bmp', os2Bmp(640, 480)],
  ['WebP lossy (VP8)', 'image/webp', webpLossy(640, 480)],
  ['WebP lossless (VP8L)', 'image/webp', webpLossless(640, 480)],
  ['WebP extended (VP8X)', 'image/webp', webpExtended(640, 480)],
  ['TIFF little-endian', 'image/tiff', tiff(640, 480, true)],
  ['TIFF big-endian', 'image/tiff', tiff(640, 480, false)],
  ['JPEG', 'image/jpeg', jpeg(640, 480)],
];

describe('readImageSize', () => {
  it.each(HEADERS)('reads the size from a %s header', (_, mediaType, bytes) => {
    expect(readImageSize(bytes, mediaType)).toEqual({ width: 640, height: 480 });
  });

  it.each(HEADERS)('returns undefined for a truncated %s header', (_, mediaType, bytes) => {
    expect(readImageSize(bytes.subarray(0, 6), mediaType)).toBeUndefined();
  });

  it('reads sizes that need every bit of the field', () => {
    expect(readImageSize(webpLossless(16_384, 16_384), 'image/webp')).toEqual({
      width: 16_384,
      height: 16_384,
    });
    expect(readImageSize(webpExtended(16_777_216, 1), 'image/webp')).toEqual({
      width: 16_777_216,
      height: 1,
    });
    expect(readImageSize(png(100_000, 65_536), 'image/png')).toEqual({ width: 100_000, height: 65_536 });
  });

  it('reads a header that does not start at the beginning of its buffer', () => {
    const padded = new Uint8Array(5 + 33);
    padded.set(png(3, 2), 5);
    expect(readImageSize(padded.subarray(5), 'image/png')).toEqual({ width: 3, height: 2 });
  });

  it('returns undefined for a zero size', () => {
    expect(readImageSize(gif(0, 480), 'image/gif')).toBeUndefined();
  });

  it('returns undefined for a JPEG whose scan starts before any frame header', () => {
    const scanFirst = header(
      [0xff, 0xd8],
      JPEG_APP0,
      jpegSegment(0xda, zeros(10)),
      jpegFrame(0xc0, 640, 480),
    );
    expect(readImageSize(scanFirst, 'image/jpeg')).toBeUndefined();
  });

  it('returns undefined for a PNG whose first chunk is not IHDR', () => {
    const bytes = png(640, 480);
    bytes.set(ascii('IDAT'), 12);
    expect(readImageSize(bytes, 'image/png')).toBeUndefined();
  });

  it('returns undefined for an unknown WebP chunk', () => {
    expect(readImageSize(riff('ALPH', [zeros(10)]), 'image/webp')).toBeUndefined();
  });

  it('returns undefined for a TIFF without a width tag', () => {
    const bytes = tiff(640, 480, true);
    bytes.set(le16(999), 8 + 2 + 12); // retag ImageWidth
    expect(readImageSize(bytes, 'image/tiff')).toBeUndefined();
  });

  it('returns undefined for types that are not images', () => {
    expect(readImageSize(png(640, 480), 'application/pdf')).toBeUndefined();
    expect(readImageSize(png(640, 480), 'text/plain')).toBeUndefined();
  });

  it('reads the real PNG and JPEG fixtures', async () => {
    const pngFile = await readFile(new URL('single-page-1.png', FIXTURES));
    // receipt.jpg has an EXIF (APP1) segment before its frame header.
    const jpegFile = await readFile(new URL('receipt.jpg', FIXTURES));
    expect(readImageSize(pngFile, 'image/png')).toEqual({ width: 1226, height: 1514 });
    expect(readImageSize(jpegFile, 'image/jpeg')).toEqual({ width: 805, height: 1917 });
  });
});
