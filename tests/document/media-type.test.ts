import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { mediaTypeForExtension, sniffMediaType } from '../../src/document/media-type.js';

const FIXTURES = new URL('../fixtures/documents/', import.meta.url);

const bytesOf = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0));
// BMP needs a valid DIB header size (40 here) after 'BM' and 12 bytes of file header.
const BMP_START = `BM${'\0'.repeat(12)}\x28\0\0\0`;

describe('sniffMediaType', () => {
  it.each([
    ['%PDF-1.7\n', 'application/pdf'],
    ['\x89PNG\r\n\x1a\n\0\0\0\rIHDR', 'image/png'],
    ['\xff\xd8\xff\xe0\0\x10JFIF', 'image/jpeg'],
    ['II*\0\x08\0\0\0', 'image/tiff'],
    ['MM\0*\0\0\0\x08', 'image/tiff'],
    ['RIFF\x24\0\0\0WEBPVP8 ', 'image/webp'],
    ['GIF87a\x01\0\x01\0', 'image/gif'],
    ['GIF89a\x01\0\x01\0', 'image/gif'],
    [BMP_START, 'image/bmp'],
  ])('recognises %j as %s', (content, mediaType) => {
    expect(sniffMediaType(bytesOf(content))).toBe(mediaType);
  });

  it('finds a PDF header after junk within the first 1024 bytes', () => {
    expect(sniffMediaType(bytesOf(`${'%'.repeat(1019)}%PDF-1.4`))).toBe('application/pdf');
    expect(sniffMediaType(bytesOf(`${'x'.repeat(1020)}%PDF-1.4`))).toBeUndefined();
  });

  it.each([
    ['plain text', 'Invoice 42\nTotal: 10 EUR\n'],
    ['text starting with BM', 'BMW 320d, 2019, 84 000 km, serviced every year'],
    ['a WAVE file (RIFF but not WEBP)', 'RIFF\x24\0\0\0WAVEfmt '],
    ['a BigTIFF', 'II+\0\x08\0\0\0'],
    ['a ZIP archive', 'PK\x03\x04\x14\0\0\0'],
    ['a truncated PNG signature', '\x89PNG'],
    ['nothing', ''],
  ])('returns undefined for %s', (_, content) => {
    expect(sniffMediaType(bytesOf(content))).toBeUndefined();
  });

  it.each([
    ['reading_order.pdf', 'application/pdf'],
    ['textractor-multipage-doc.pdf', 'application/pdf'],
    ['single-page-1.png', 'image/png'],
    ['receipt.jpg', 'image/jpeg'],
  ])('recognises the fixture %s as %s', async (file, mediaType) => {
    expect(sniffMediaType(await readFile(new URL(file, FIXTURES)))).toBe(mediaType);
  });
});

describe('mediaTypeForExtension', () => {
  it.each([
    ['invoice.pdf', 'application/pdf'],
    ['scan.PNG', 'image/png'],
    ['photo.jpg', 'image/jpeg'],
    ['photo.JPEG', 'image/jpeg'],
    ['fax.tif', 'image/tiff'],
    ['fax.tiff', 'image/tiff'],
    ['image.webp', 'image/webp'],
    ['anim.gif', 'image/gif'],
    ['old.bmp', 'image/bmp'],
    ['notes.txt', 'text/plain'],
    ['notes.text', 'text/plain'],
    ['README.md', 'text/plain'],
    ['table.csv', 'text/plain'],
    ['/data/v1.2/invoice.pdf', 'application/pdf'],
  ])('maps %s to %s', (name, mediaType) => {
    expect(mediaTypeForExtension(name)).toBe(mediaType);
  });

  it.each([
    'letter.docx',
    'archive.pdf.gz',
    'README',
    '/data/v1.2/README',
    'x.constructor',
    'x.__proto__',
    '',
  ])('returns undefined for %j', (name) => {
    expect(mediaTypeForExtension(name)).toBeUndefined();
  });
});
