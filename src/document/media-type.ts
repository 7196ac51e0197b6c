/**
 * Recognising a document's media type from its content (magic bytes) and from its file name.
 *
 * @module
 */

import { extname } from 'node:path';
import type { MediaType } from '../spec/document.js';

type BinaryMediaType = Exclude<MediaType, 'text/plain'>;

const PNG = bytesOf('\x89PNG\r\n\x1a\n');
const JPEG = bytesOf('\xff\xd8\xff');
const TIFF_LITTLE_ENDIAN = bytesOf('II*\0');
const TIFF_BIG_ENDIAN = bytesOf('MM\0*');
const RIFF = bytesOf('RIFF');
const WEBP = bytesOf('WEBP');
const GIF87A = bytesOf('GIF87a');
const GIF89A = bytesOf('GIF89a');
const BMP = bytesOf('BM');
const PDF = bytesOf('%PDF-');
const PERCENT_SIGN = 0x25;

// Readers (Acrobat among them) accept junk such as a mail header before '%PDF-', up to 1024 bytes in.
const PDF_HEADER_WINDOW = 1024;

// 'BM' alone would claim any text starting with "BM" (e.g. "BMW ..."); the DIB header size that follows
// takes one of these values in every BMP variant, so it confirms the match.
const BMP_DIB_HEADER_SIZES = new Set([12, 16, 40, 52, 56, 64, 108, 124]);
const BMP_DIB_HEADER_SIZE_OFFSET = 14;

const SIGNATURES: ReadonlyArray<readonly [BinaryMediaType, (bytes: Uint8Array) => boolean]> = [
  ['image/png', (bytes) => hasAt(bytes, 0, PNG)],
  ['image/jpeg', (bytes) => hasAt(bytes, 0, JPEG)],
  ['image/tiff', (bytes) => hasAt(bytes, 0, TIFF_LITTLE_ENDIAN) || hasAt(bytes, 0, TIFF_BIG_ENDIAN)],
  ['image/webp', (bytes) => hasAt(bytes, 0, RIFF) && hasAt(bytes, 8, WEBP)],
  ['image/gif', (bytes) => hasAt(bytes, 0, GIF87A) || hasAt(bytes, 0, GIF89A)],
  ['image/bmp', isBmp],
  // Last: the only signature that is searched for rather than compared at a fixed offset.
  ['application/pdf', hasPdfHeader],
];

// A Map, not an object literal, so names like 'x.constructor' cannot hit Object.prototype.
const EXTENSIONS: ReadonlyMap<string, MediaType> = new Map([
  ['.pdf', 'application/pdf'],
  ['.png', 'image/png'],
  ['.jpg', 'image/jpeg'],
  ['.jpeg', 'image/jpeg'],
  ['.tif', 'image/tiff'],
  ['.tiff', 'image/tiff'],
  ['.webp', 'image/webp'],
  ['.gif', 'image/gif'],
  ['.bmp', 'image/bmp'],
  ['.txt', 'text/plain'],
  ['.text', 'text/plain'],
  ['.md', 'text/plain'],
  ['.csv', 'text/plain'],
]);

/**
 * The media type of binary content from its magic bytes: PDF (`%PDF-` within the first 1024 bytes),
 * PNG, JPEG, TIFF (`II*\0` / `MM\0*`), WEBP (`RIFF....WEBP`), GIF (`GIF87a` / `GIF89a`) or BMP (`BM`
 * followed by a valid DIB header size).
 *
 * @param bytes - The content, or at least its first 1024 bytes.
 * @returns The media type, or `undefined` when no signature matches (the content may then be text).
 */
export function sniffMediaType(bytes: Uint8Array): Exclude<MediaType, 'text/plain'> | undefined {
  for (const [mediaType, matches] of SIGNATURES) {
    if (matches(bytes)) return mediaType;
  }
  return undefined;
}

/**
 * The media type a file name's extension promises (`.pdf`, `.png`, `.jpg`/`.jpeg`, `.tif`/`.tiff`,
 * `.webp`, `.gif`, `.bmp`, `.txt`/`.text`/`.md`/`.csv`), compared case-insensitively.
 *
 * @param name - A file name or path.
 * @returns The media type, or `undefined` for other or missing extensions.
 */
export function mediaTypeForExtension(name: string): MediaType | undefined {
  return EXTENSIONS.get(extname(name).toLowerCase());
}

function hasAt(bytes: Uint8Array, offset: number, signature: Uint8Array): boolean {
  if (bytes.length < offset + signature.length) return false;
  for (let i = 0; i < signature.length; i++) {
    if (bytes[offset + i] !== signature[i]) return false;
  }
  return true;
}

function hasPdfHeader(bytes: Uint8Array): boolean {
  // A view, not a copy, so a long document without '%' is not scanned to its end.
  const head = bytes.subarray(0, PDF_HEADER_WINDOW);
  for (let at = head.indexOf(PERCENT_SIGN); at !== -1; at = head.indexOf(PERCENT_SIGN, at + 1)) {
    if (hasAt(head, at, PDF)) return true;
  }
  return false;
}

function isBmp(bytes: Uint8Array): boolean {
  if (!hasAt(bytes, 0, BMP) || bytes.length < BMP_DIB_HEADER_SIZE_OFFSET + 4) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return BMP_DIB_HEADER_SIZES.has(view.getUint32(BMP_DIB_HEADER_SIZE_OFFSET, true));
}

// Signatures are written as strings of byte values (\xNN), so each char code is one byte.
function bytesOf(signature: string): Uint8Array {
  return Uint8Array.from(signature, (char) => char.charCodeAt(0));
}
