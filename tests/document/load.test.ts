import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type DocumentSource, type LoadOptions, loadDocument } from '../../src/document/load.js';

// readFile stays real; the spy lets a test simulate EACCES (the tests may run as root, who can read
// anything) and check that an oversized file is never read.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return { ...actual, readFile: vi.fn(actual.readFile) };
});

const FIXTURES = new URL('../fixtures/documents/', import.meta.url);
const fixturePath = (name: string) => fileURLToPath(new URL(name, FIXTURES));
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');
const latin1 = (text: string) => Buffer.from(text, 'latin1');

let dir: string;
let pngBytes: Buffer;
let jpegBytes: Buffer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'docpipe-load-'));
  pngBytes = await readFile(fixturePath('single-page-1.png'));
  jpegBytes = await readFile(fixturePath('receipt.jpg'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  vi.mocked(readFile).mockClear();
});

async function tempFile(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

// Every failure is an InputError whose message is what is wrong, '; ', then the fix.
async function expectInputError(source: DocumentSource, message: string | RegExp, options?: LoadOptions) {
  const error: unknown = await loadDocument(source, options).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toMatchObject({
    name: 'InputError',
    code: 'input',
    message: expect.stringMatching(/^[^;]+; [^;]+\.$/),
  });
  expect((error as Error).message).toMatch(message);
}

function pdf(body: string): Uint8Array {
  return latin1(`%PDF-1.4\n%\xe2\xe3\xcf\xd3\n${body}\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`);
}

describe('loadDocument from a path', () => {
  it('loads a PDF and reads its page count from the page tree', async () => {
    const path = fixturePath('reading_order.pdf');
    const bytes = await readFile(path);
    const document = await loadDocument(path);
    expect(document).toEqual({
      id: sha256(bytes),
      name: 'reading_order.pdf',
      mediaType: 'application/pdf',
      bytes,
      pageCount: 1,
    });
  });

  it('counts the pages of a PDF with an object stream whose page tree is outside it', async () => {
    const document = await loadDocument(fixturePath('textractor-multipage-doc.pdf'));
    expect(document.pageCount).toBe(2);
  });

  it('loads a PNG with its pixel size', async () => {
    const document = await loadDocument(fixturePath('single-page-1.png'));
    expect(document).toMatchObject({
      id: sha256(pngBytes),
      name: 'single-page-1.png',
      mediaType: 'image/png',
      pageCount: 1,
      imageSize: { width: 1226, height: 1514 },
    });
  });

  it('loads from a file: URL object and a file: URL string', async () => {
    const url = pathToFileURL(fixturePath('receipt.jpg'));
    const expected = {
      id: sha256(jpegBytes),
      name: 'receipt.jpg',
      mediaType: 'image/jpeg',
      pageCount: 1,
      imageSize: { width: 805, height: 1917 },
    };
    expect(await loadDocument(url)).toMatchObject(expected);
    expect(await loadDocument(url.href)).toMatchObject(expected);
  });

  it('loads a UTF-8 text file, keeping the bytes and stripping the byte-order mark', async () => {
    const path = await tempFile('notes.md', '\ufeff# Notes\nZürich, 3 €\n');
    const document = await loadDocument(path);
    expect(document).toEqual({
      id: sha256(await readFile(path)),
      name: 'notes.md',
      mediaType: 'text/plain',
      bytes: await readFile(path),
      text: '# Notes\nZürich, 3 €\n',
    });
  });
});

describe('loadDocument from memory', () => {
  it('loads a Buffer, a Uint8Array view and an ArrayBuffer alike, without copying', async () => {
    const arrayBuffer = Uint8Array.from(pngBytes).buffer;
    const view = new Uint8Array(3 + pngBytes.length).fill(0xff);
    view.set(pngBytes, 3);
    const fromBuffer = await loadDocument(pngBytes);
    const fromView = await loadDocument(view.subarray(3));
    const fromArrayBuffer = await loadDocument(arrayBuffer);
    // Everything but the bytes, which are compared by identity (deep-comparing 450 KB is slow).
    const { bytes, ...metadata } = fromBuffer;
    expect(metadata).toEqual({
      id: sha256(pngBytes),
      name: 'document',
      mediaType: 'image/png',
      pageCount: 1,
      imageSize: { width: 1226, height: 1514 },
    });
    expect(fromView).toMatchObject(metadata);
    expect(fromArrayBuffer).toMatchObject(metadata);
    expect(bytes).toBe(pngBytes);
    expect(fromView.bytes?.buffer).toBe(view.buffer);
    expect(fromView.bytes?.byteOffset).toBe(3);
    expect(fromArrayBuffer.bytes?.buffer).toBe(arrayBuffer);
  });

  it('loads { data } with a name and a declared media type that matches the content', async () => {
    const document = await loadDocument({ data: jpegBytes, name: 'receipt.jpeg', mediaType: 'image/jpeg' });
    expect(document).toMatchObject({ name: 'receipt.jpeg', mediaType: 'image/jpeg' });
  });

  it.each(['IMAGE/JPEG', 'image/jpg', 'image/jpeg; q=0.9'])(
    'accepts the declared spelling %s',
    async (mediaType) => {
      await expect(loadDocument({ data: jpegBytes, mediaType })).resolves.toMatchObject({
        mediaType: 'image/jpeg',
      });
    },
  );

  it('accepts any declared text/* type for text content', async () => {
    const data = new TextEncoder().encode('a,b\n1,2\n');
    await expect(loadDocument({ data, name: 'table.csv', mediaType: 'text/csv' })).resolves.toMatchObject({
      mediaType: 'text/plain',
      text: 'a,b\n1,2\n',
    });
  });

  it('loads { text } without bytes, identified by the sha256 of its UTF-8 encoding', async () => {
    const text = 'Grüße aus Köln – 12,50 €';
    expect(await loadDocument({ text })).toEqual({
      id: sha256(Buffer.from(text, 'utf8')),
      name: 'text',
      mediaType: 'text/plain',
      text,
    });
    expect(await loadDocument({ text, name: 'letter' })).toMatchObject({ name: 'letter' });
  });

  it('gives equal content an equal id whatever the source', async () => {
    const path = await tempFile('same.txt', 'same content');
    const ids = await Promise.all(
      [path, Buffer.from('same content'), { text: 'same content' }].map(
        async (source) => (await loadDocument(source)).id,
      ),
    );
    expect(new Set(ids).size).toBe(1);
  });
});

describe('loadDocument page counts', () => {
  it('takes the root /Count of a nested page tree, wherever /Type sits in the dictionary', async () => {
    const document = await loadDocument(
      pdf(
        [
          '1 0 obj\n<< /Type /Catalog /Pages 2 0 R /Outlines 5 0 R >>\nendobj',
          '2 0 obj\n<< /Kids [3 0 R 4 0 R] /Count 5 /Type /Pages >>\nendobj',
          '3 0 obj\n<< /Type /Pages /Parent 2 0 R /Kids [] /Count 3 >>\nendobj',
          '4 0 obj\n<< /Type /Pages /Parent 2 0 R /Kids [] /Count 2 >>\nendobj',
          '5 0 obj\n<< /Type /Outlines /Count 40 >>\nendobj',
        ].join('\n'),
      ),
    );
    expect(document.pageCount).toBe(5);
  });

  it('leaves the page count out when the page tree is not readable without decompressing', async () => {
    const document = await loadDocument(
      pdf(
        '7 0 obj\n<< /Type /ObjStm /N 3 /First 20 /Filter /FlateDecode /Length 4 >>\nstream\nx\x9c\x03\0\nendstream\nendobj',
      ),
    );
    expect(document).not.toHaveProperty('pageCount');
  });

  it('does not mistake an indirect /Count reference for a page count', async () => {
    const document = await loadDocument(pdf('2 0 obj\n<< /Type /Pages /Kids [] /Count 12 0 R >>\nendobj'));
    expect(document).not.toHaveProperty('pageCount');
  });
});

describe('loadDocument failures', () => {
  it('reports a missing file', async () => {
    const path = join(dir, 'missing.pdf');
    await expectInputError(path, `${path} does not exist; check the path`);
  });

  it('reports a directory and suggests docpipe batch', async () => {
    const folder = join(dir, 'folder');
    await mkdir(folder);
    await expectInputError(
      folder,
      /is a directory, not a file; pass a file inside it, or use `docpipe batch`/,
    );
  });

  it('reports a file it has no permission to read', async () => {
    const path = await tempFile('secret.pdf', '%PDF-1.4');
    const denied = Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' });
    vi.mocked(readFile).mockRejectedValueOnce(denied);
    await expectInputError(
      path,
      `${path} cannot be read: permission denied; give the user running docpipe read access`,
    );
  });

  it.each<[string, () => Promise<DocumentSource>]>([
    ['an empty file', () => tempFile('empty.pdf', '')],
    ['empty bytes', async () => new Uint8Array(0)],
    ['an empty ArrayBuffer', async () => new ArrayBuffer(0)],
    ['empty text', async () => ({ text: '' })],
    ['a byte-order mark alone', async () => latin1('\xef\xbb\xbf')],
  ])('reports %s as empty', async (_, source) => {
    await expectInputError(await source(), / is empty; pass a document that has content/);
  });

  it('reports binary content of an unsupported type, listing the supported ones', async () => {
    const zip = latin1('PK\x03\x04\x14\0\0\0\x08\0');
    await expectInputError(
      { data: zip, name: 'letter.docx' },
      'letter.docx is binary data of a type docpipe does not read; docpipe reads PDF, PNG, JPEG, TIFF, WebP, GIF and BMP files and UTF-8 text',
    );
  });

  it('reports a .pdf file whose content is text', async () => {
    const path = await tempFile('x.pdf', '<html><body>404 Not Found</body></html>');
    await expectInputError(
      path,
      `${path} is named like a PDF but its content is plain text; check that it is the document you meant`,
    );
  });

  it('reads a .png whose content is a JPEG as a JPEG, with a media-type-mismatch warning', async () => {
    const document = await loadDocument({ data: jpegBytes, name: 'photo.png' });
    expect(document).toMatchObject({ name: 'photo.png', mediaType: 'image/jpeg', pageCount: 1 });
    expect(document.warnings).toEqual([
      {
        code: 'media-type-mismatch',
        message:
          'photo.png is named like a PNG image but its content is a JPEG image, so it was read as a JPEG image.',
      },
    ]);
  });

  it('reads a .txt whose content is a PDF as a PDF, and a .md whose content is text without a warning', async () => {
    const pdf = await loadDocument({ data: latin1('%PDF-1.4\n'), name: 'notes.txt' });
    expect(pdf.mediaType).toBe('application/pdf');
    expect(pdf.warnings?.map((warning) => warning.code)).toEqual(['media-type-mismatch']);
    const text = await loadDocument({ data: latin1('# Notes'), name: 'readme.md' });
    expect(text.warnings).toBeUndefined();
  });

  it('reports a .txt whose content is binary it cannot read', async () => {
    await expectInputError(
      { data: latin1('\x01\x02\x03\xff'), name: 'notes.txt' },
      /^notes\.txt is named like plain text but its content is binary data of a type docpipe does not read/,
    );
  });

  it('reports a declared media type that disagrees with the content', async () => {
    await expectInputError(
      { data: pngBytes, mediaType: 'application/pdf' },
      "The document was passed with mediaType 'application/pdf' but its content is a PNG image; leave mediaType out",
    );
  });

  it('reports a file over the size limit without reading it', async () => {
    const path = fixturePath('reading_order.pdf');
    await expectInputError(
      path,
      `${path} is 0.0195 MiB, over the limit of 0.00954 MiB; raise limits.maxBytes to load it`,
      { limits: { maxBytes: 10_000 } },
    );
    expect(readFile).not.toHaveBeenCalled();
  });

  it('reports bytes and text over the size limit', async () => {
    const limits = { maxBytes: 1_048_576 };
    await expectInputError(
      new Uint8Array(1_572_864).fill(0x61),
      /^The document is 1\.5 MiB, over the limit of 1 MiB/,
      {
        limits,
      },
    );
    // 'é' is 2 bytes in UTF-8: the limit counts bytes, not characters.
    await expectInputError({ text: 'é'.repeat(600_000) }, /^The text is 1\.14 MiB, over the limit of 1 MiB/, {
      limits,
    });
  });

  it('reports a PDF with more pages than the limit', async () => {
    await expectInputError(
      { data: await readFile(fixturePath('textractor-multipage-doc.pdf')), name: 'multipage.pdf' },
      'multipage.pdf has 2 pages, over the limit of 1; raise limits.maxPages to load it, or split the PDF.',
      { limits: { maxPages: 1 } },
    );
  });

  it('reports an image with more pixels than the limit', async () => {
    await expectInputError(
      { data: pngBytes, name: 'scan.png' },
      'scan.png is 1226×1514 pixels (1.86 megapixels), over the limit of 1 megapixels; raise limits.maxPixels',
      { limits: { maxPixels: 1_000_000 } },
    );
  });

  it('reports text that is not UTF-8, even when named .txt', async () => {
    const path = await tempFile('latin1.txt', latin1('Café crème, 3,50 EUR\n'));
    await expectInputError(
      path,
      `${path} is text that is not UTF-8 (perhaps Latin-1 or Windows-1252); save it as UTF-8, or decode it yourself and pass { text }.`,
    );
  });

  it('treats content with NUL bytes as binary, even though it is valid UTF-8', async () => {
    await expectInputError(
      new TextEncoder().encode('a\0b'),
      /^The document is binary data of a type docpipe does not read/,
    );
  });

  it.each(['http://example.com/invoice.pdf', 'HTTPS://example.com/invoice.pdf', 's3://bucket/invoice.pdf'])(
    'refuses to fetch the URL %s',
    async (url) => {
      await expectInputError(
        url,
        /is not a local file and docpipe does not fetch URLs; download the file first/,
      );
    },
  );

  it('refuses a URL object with a protocol other than file:', async () => {
    await expectInputError(
      new URL('https://example.com/a.pdf'),
      /^https:\/\/example\.com\/a\.pdf is not a local file/,
    );
  });

  it.each<[string, unknown]>([
    ['a number', 42],
    ['an object with neither a string `text` nor bytes in `data`', {}],
    ['an object with neither a string `text` nor bytes in `data`', { data: 'not bytes' }],
    ['null', null],
    ['undefined', undefined],
    ['an array', [1, 2]],
    ['an empty string', ''],
  ])('rejects %s as a source', async (description, source) => {
    await expectInputError(
      source as DocumentSource,
      `loadDocument() was given ${description}, which is not a document source; pass a file path, a file: URL`,
    );
  });
});

describe('loadDocument cancellation', () => {
  it('throws the reason of an already aborted signal', async () => {
    const reason = new Error('stopped by the user');
    await expect(loadDocument({ text: 'hello' }, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    await expect(
      loadDocument(fixturePath('reading_order.pdf'), { signal: AbortSignal.abort(reason) }),
    ).rejects.toBe(reason);
  });
});
