/**
 * Reading a document (a path, a file URL, bytes or text) into a {@link LoadedDocument}: its type is
 * sniffed from the content and it is checked against the {@link DocumentLimits}.
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { hash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DocumentLimits, LoadedDocument, MediaType, Warning } from '../spec/document.js';
import { InputError, messageOf } from '../spec/errors.js';
import { readImageSize } from './image-size.js';
import { formatMebibytes, formatMegapixels, limitSetting, resolveDocumentLimits } from './limits.js';
import { mediaTypeForExtension, sniffMediaType } from './media-type.js';

/**
 * Something {@link loadDocument} can read:
 * - a filesystem path, or a string starting with `file:` (a file URL);
 * - a `file:` `URL`;
 * - bytes (`Uint8Array`, which includes `Buffer`, or `ArrayBuffer`);
 * - `{ text }`: text already in memory;
 * - `{ data }`: bytes with a name and the media type the caller expects (checked against the content).
 *
 * docpipe does not fetch `http(s):` URLs: download the file first.
 */
export type DocumentSource =
  | string
  | URL
  | Uint8Array
  | ArrayBuffer
  | { readonly text: string; readonly name?: string }
  | { readonly data: Uint8Array | ArrayBuffer; readonly mediaType?: string; readonly name?: string };

/** Options of {@link loadDocument}. */
export interface LoadOptions {
  /** Limits to enforce; unset fields keep the defaults of `DEFAULT_DOCUMENT_LIMITS`. */
  readonly limits?: Partial<DocumentLimits>;
  /** Cancels loading; the returned promise then rejects with `signal.reason`. */
  readonly signal?: AbortSignal;
}

/** What a document's content turned out to be, including the two kinds docpipe cannot read. */
type Content = MediaType | 'unknown-binary' | 'non-utf8-text';

/** Bytes to load, with what the caller said about them. */
interface ByteInput {
  readonly bytes: Uint8Array;
  /** The document's name, whose extension is checked against the content. */
  readonly name: string;
  /** How error messages name the document: the path as given, the name, or a description. */
  readonly label: string;
  /** The media type the caller declared with `{ data, mediaType }`. */
  readonly declared?: string | undefined;
}

// fatal: invalid UTF-8 must fail rather than turn into U+FFFD. The BOM is stripped (ignoreBOM is false).
// Created once: construction costs more than decoding a short text.
const UTF8 = new TextDecoder('utf-8', { fatal: true });

const DESCRIPTIONS: Readonly<Record<Content, string>> = {
  'application/pdf': 'a PDF',
  'image/png': 'a PNG image',
  'image/jpeg': 'a JPEG image',
  'image/tiff': 'a TIFF image',
  'image/webp': 'a WebP image',
  'image/gif': 'a GIF image',
  'image/bmp': 'a BMP image',
  'text/plain': 'plain text',
  'unknown-binary': 'binary data of a type docpipe does not read',
  'non-utf8-text': 'text that is not UTF-8 (perhaps Latin-1 or Windows-1252)',
};

const UNREADABLE_FIXES: Readonly<Record<'unknown-binary' | 'non-utf8-text', string>> = {
  'unknown-binary':
    'docpipe reads PDF, PNG, JPEG, TIFF, WebP, GIF and BMP files and UTF-8 text, so convert it to one of these',
  'non-utf8-text': 'save it as UTF-8, or decode it yourself and pass { text }',
};

// Common spellings of the supported types, so that a correct declaration is not rejected.
const MEDIA_TYPE_ALIASES: ReadonlyMap<string, MediaType> = new Map([
  ['image/jpg', 'image/jpeg'],
  ['image/x-ms-bmp', 'image/bmp'],
  ['application/x-pdf', 'application/pdf'],
]);

// Any scheme followed by '//' (http://, s3://) is a URL, not a path; 'file:' may omit the slashes.
const URL_PATTERN = /^(?:file:|[a-z][a-z\d+.-]+:\/\/)/i;

// '/Count N' not followed by more digits or by 'G R', which would make N an object number.
const PDF_COUNT = /\/Count\s+(\d+)(?![\d.]|\s+\d+\s+R\b)/g;
const PDF_PAGES_TYPE = /\/Type\s*\/Pages(?![A-Za-z\d])/;

/**
 * Reads a document into memory, sniffs its media type from its content, and checks it against the limits.
 *
 * @param source - A path, a `file:` URL, bytes, `{ text }` or `{ data }`; see {@link DocumentSource}.
 * @param options - Limits and an abort signal.
 * @returns The document, with `id` the hex sha256 of its bytes (or of the UTF-8 encoding of `{ text }`).
 * A document whose content is a readable type other than its file extension says (a WebP saved as `.png`) is
 * loaded as what its content is, with a `media-type-mismatch` warning in `warnings`.
 *
 * @throws {@link InputError} when the document cannot be read, is empty, is of a type docpipe does not
 * read, is text named like a PDF or image, has content that disagrees with its declared `mediaType`, or exceeds
 * a limit.
 * @throws `ConfigError` when `options.limits` is invalid.
 * @throws `options.signal.reason` when the signal is aborted.
 */
export async function loadDocument(
  source: DocumentSource,
  options: LoadOptions = {},
): Promise<LoadedDocument> {
  const { signal } = options;
  signal?.throwIfAborted();
  const limits = resolveDocumentLimits(options.limits);
  if (typeof source === 'string' && source !== '') return loadFile(toPath(source), limits, signal);
  if (source instanceof URL) return loadFile(toPath(source), limits, signal);
  if (isBytes(source)) {
    return loadBytes({ bytes: toUint8Array(source), name: 'document', label: 'The document' }, limits);
  }
  if (typeof source === 'object' && source !== null) return loadObject(source, limits);
  throw unsupportedSource(source);
}

function loadObject(source: object, limits: DocumentLimits): LoadedDocument {
  const fields = source as { text?: unknown; data?: unknown; name?: unknown; mediaType?: unknown };
  const name = typeof fields.name === 'string' && fields.name !== '' ? fields.name : undefined;
  if (typeof fields.text === 'string') return loadText(fields.text, name, limits);
  if (!isBytes(fields.data)) throw unsupportedSource(source);
  const declared = typeof fields.mediaType === 'string' ? fields.mediaType : undefined;
  return loadBytes(
    { bytes: toUint8Array(fields.data), name: name ?? 'document', label: name ?? 'The document', declared },
    limits,
  );
}

// `{ text }` is the hot path of in-memory pipelines: no copies, no scans beyond hashing and measuring.
function loadText(text: string, name: string | undefined, limits: DocumentLimits): LoadedDocument {
  const label = name ?? 'The text';
  if (text === '') throw emptyDocument(label);
  assertWithinMaxBytes(Buffer.byteLength(text, 'utf8'), label, limits);
  return { id: hash('sha256', text), name: name ?? 'text', mediaType: 'text/plain', text };
}

async function loadFile(
  path: string,
  limits: DocumentLimits,
  signal: AbortSignal | undefined,
): Promise<LoadedDocument> {
  const info = await stat(path).catch((error: unknown) => {
    throw fileError(error, path);
  });
  if (info.isDirectory()) {
    throw new InputError(
      `${path} is a directory, not a file; pass a file inside it, or use \`docpipe batch\` to process every document in a folder.`,
    );
  }
  // Reading a FIFO or a device could block forever or never end.
  if (!info.isFile()) {
    throw new InputError(
      `${path} is not a regular file; pass a regular file, or read it yourself and pass its bytes.`,
    );
  }
  // Checked before reading, so an oversized file is never loaded into memory.
  assertWithinMaxBytes(info.size, path, limits);
  const bytes = await readFile(path, { signal }).catch((error: unknown) => {
    signal?.throwIfAborted();
    throw fileError(error, path);
  });
  return loadBytes({ bytes, name: basename(path), label: path }, limits);
}

function loadBytes(input: ByteInput, limits: DocumentLimits): LoadedDocument {
  if (input.bytes.byteLength === 0) throw emptyDocument(input.label);
  assertWithinMaxBytes(input.bytes.byteLength, input.label, limits);
  const mediaType = sniffMediaType(input.bytes);
  if (mediaType === undefined) return loadUnsniffedBytes(input);
  const mismatch = checkContentAsClaimed(input, mediaType);
  const document =
    mediaType === 'application/pdf' ? pdfDocument(input, limits) : imageDocument(input, mediaType, limits);
  return mismatch === undefined ? document : { ...document, warnings: [mismatch] };
}

// Content without a binary signature is text if it is valid UTF-8 without NUL bytes.
function loadUnsniffedBytes(input: ByteInput): LoadedDocument {
  const { bytes, name, label } = input;
  const text = decodeUtf8(bytes);
  if (text === undefined) {
    const content = classifyUndecodable(bytes);
    checkContentAsClaimed(input, content);
    throw new InputError(`${label} is ${DESCRIPTIONS[content]}; ${UNREADABLE_FIXES[content]}.`);
  }
  const mismatch = checkContentAsClaimed(input, 'text/plain');
  // A byte-order mark alone decodes to ''.
  if (text === '') throw emptyDocument(label);
  const document = { id: hash('sha256', bytes), name, mediaType: 'text/plain', bytes, text } as const;
  return mismatch === undefined ? document : { ...document, warnings: [mismatch] };
}

function pdfDocument(input: ByteInput, limits: DocumentLimits): LoadedDocument {
  const { bytes, name, label } = input;
  const pageCount = countPdfPages(bytes);
  if (pageCount !== undefined && pageCount > limits.maxPages) {
    throw new InputError(
      `${label} has ${pageCount} pages, over the limit of ${limits.maxPages}; raise ${limitSetting('maxPages')} to load it, or split the PDF.`,
    );
  }
  const document = { id: hash('sha256', bytes), name, mediaType: 'application/pdf', bytes } as const;
  return pageCount === undefined ? document : { ...document, pageCount };
}

function imageDocument(input: ByteInput, mediaType: MediaType, limits: DocumentLimits): LoadedDocument {
  const { bytes, name, label } = input;
  const imageSize = readImageSize(bytes, mediaType);
  if (imageSize !== undefined && imageSize.width * imageSize.height > limits.maxPixels) {
    const { width, height } = imageSize;
    throw new InputError(
      `${label} is ${width}×${height} pixels (${formatMegapixels(width * height)} megapixels), over the limit of ${formatMegapixels(limits.maxPixels)} megapixels; raise ${limitSetting('maxPixels')} to load it, or downscale the image.`,
    );
  }
  const document = { id: hash('sha256', bytes), name, mediaType, bytes, pageCount: 1 };
  return imageSize === undefined ? document : { ...document, imageSize };
}

/**
 * The page count from the PDF's page tree: the largest `/Count` of a `/Type /Pages` object. Undefined
 * when the tree sits in a compressed object stream; a later stage that renders the PDF counts then.
 */
function countPdfPages(bytes: Uint8Array): number | undefined {
  // latin1 maps each byte to one char, so the regexes can run over binary content.
  const source = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  let pageCount: number | undefined;
  for (const match of source.matchAll(PDF_COUNT)) {
    if (!PDF_PAGES_TYPE.test(enclosingObject(source, match.index))) continue;
    pageCount = Math.max(pageCount ?? 0, Number(match[1]));
  }
  return pageCount;
}

// From the 'obj' before `index` (its own 'N G obj' or the previous object's 'endobj') to the next 'endobj':
// either way the span holds the object containing `index` and nothing of another object's dictionary.
function enclosingObject(source: string, index: number): string {
  const start = source.lastIndexOf('obj', index);
  const end = source.indexOf('endobj', index);
  return source.slice(Math.max(start, 0), end === -1 ? source.length : end);
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
  // A NUL byte is valid UTF-8, but it marks binary data; indexOf finds it natively.
  if (bytes.indexOf(0) !== -1) return undefined;
  try {
    return UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}

// Text in a legacy 8-bit encoding has no control bytes besides whitespace; binary data almost always does.
function classifyUndecodable(bytes: Uint8Array): 'unknown-binary' | 'non-utf8-text' {
  const hasControlBytes = bytes.some(
    (byte) => byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d,
  );
  return hasControlBytes ? 'unknown-binary' : 'non-utf8-text';
}

/**
 * Checks the extension of the name and a declared media type, both claims about the content. A file named
 * like one readable type whose content is another (a WebP saved as .png, common in real collections) is read
 * as its content, with the warning returned. It fails when the content cannot be read at all, when text is
 * named like a PDF or an image (that is the wrong file: an HTML error page saved as .pdf), and when a
 * caller's explicit `mediaType` is wrong.
 */
function checkContentAsClaimed(input: ByteInput, content: Content): Warning | undefined {
  assertDeclaredType(input, content);
  const named = mediaTypeForExtension(input.name);
  if (named === undefined || isSameKind(named, content)) return undefined;
  const claim = `is named like ${DESCRIPTIONS[named]}`;
  if (isUnreadable(content) || (content === 'text/plain' && named !== 'text/plain')) {
    const fix = 'check that it is the document you meant, or rename it to match its content';
    throw contentMismatch(input.label, claim, content, fix);
  }
  return {
    code: 'media-type-mismatch',
    message: `${input.label} ${claim} but its content is ${DESCRIPTIONS[content]}, so it was read as ${DESCRIPTIONS[content]}.`,
  };
}

function isUnreadable(content: Content): content is 'unknown-binary' | 'non-utf8-text' {
  return content === 'unknown-binary' || content === 'non-utf8-text';
}

function assertDeclaredType(input: ByteInput, content: Content): void {
  if (input.declared !== undefined && !isSameKind(normaliseMediaType(input.declared), content)) {
    throw contentMismatch(
      input.label,
      `was passed with mediaType '${input.declared}'`,
      content,
      'leave mediaType out (docpipe detects the type from the content), or pass the right bytes',
    );
  }
}

function contentMismatch(label: string, claim: string, content: Content, fix: string): InputError {
  return new InputError(`${label} ${claim} but its content is ${DESCRIPTIONS[content]}; ${fix}.`);
}

// Text in the wrong encoding is still text, so a text claim is right; the encoding error is reported instead.
function isSameKind(claimed: string, content: Content): boolean {
  return claimed === content || (claimed === 'text/plain' && content === 'non-utf8-text');
}

// Drops parameters and case, and maps every text/* type (text/markdown, text/csv) to text/plain.
function normaliseMediaType(mediaType: string): string {
  const essence = (mediaType.split(';', 1)[0] ?? '').trim().toLowerCase();
  if (essence.startsWith('text/')) return 'text/plain';
  return MEDIA_TYPE_ALIASES.get(essence) ?? essence;
}

function toPath(source: string | URL): string {
  if (typeof source === 'string' && !URL_PATTERN.test(source)) return source;
  const url = typeof source === 'string' ? parseUrl(source) : source;
  if (url.protocol !== 'file:') {
    throw new InputError(
      `${url.href} is not a local file and docpipe does not fetch URLs; download the file first and pass its path or bytes.`,
    );
  }
  try {
    return fileURLToPath(url);
  } catch (error) {
    throw invalidFileUrl(url.href, error);
  }
}

function parseUrl(source: string): URL {
  try {
    return new URL(source);
  } catch (error) {
    throw invalidFileUrl(source, error);
  }
}

function invalidFileUrl(url: string, cause: unknown): InputError {
  const message = `${url} is not a valid local file URL (${messageOf(cause)}); pass a file path instead.`;
  return new InputError(message, { cause });
}

function fileError(error: unknown, path: string): InputError {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new InputError(
      `${path} does not exist; check the path (a relative path is resolved from ${process.cwd()}).`,
      { cause: error },
    );
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new InputError(
      `${path} cannot be read: permission denied; give the user running docpipe read access to it.`,
      { cause: error },
    );
  }
  return new InputError(`${path} cannot be read (${messageOf(error)}); check that the file is accessible.`, {
    cause: error,
  });
}

function emptyDocument(label: string): InputError {
  return new InputError(
    `${label} is empty; pass a document that has content (for a file, check that it was written completely).`,
  );
}

function assertWithinMaxBytes(size: number, label: string, limits: DocumentLimits): void {
  if (size <= limits.maxBytes) return;
  throw new InputError(
    `${label} is ${formatMebibytes(size)} MiB, over the limit of ${formatMebibytes(limits.maxBytes)} MiB; raise ${limitSetting('maxBytes')} to load it, or split the document.`,
  );
}

function unsupportedSource(source: unknown): InputError {
  return new InputError(
    `loadDocument() was given ${describeSource(source)}, which is not a document source; pass a file path, a file: URL, a Uint8Array or Buffer, an ArrayBuffer, { text } or { data }.`,
  );
}

function describeSource(source: unknown): string {
  if (source === '') return 'an empty string';
  if (source === null) return 'null';
  if (Array.isArray(source)) return 'an array';
  if (source === undefined) return 'undefined';
  if (typeof source === 'object') return 'an object with neither a string `text` nor bytes in `data`';
  return `a ${typeof source}`;
}

function isBytes(value: unknown): value is Uint8Array | ArrayBuffer {
  return value instanceof Uint8Array || value instanceof ArrayBuffer;
}

// A view over the same memory: the document's bytes are never copied.
function toUint8Array(bytes: Uint8Array | ArrayBuffer): Uint8Array {
  return bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
}
