/**
 * The pages of a document as the report draws them: PDF pages rendered with pdf.js and images scaled down,
 * both compressed to WebP and inlined as data URLs; text documents as their character grid, which is the
 * page their fields' boxes are fractions of.
 *
 * @module
 */
import type { Sharp } from 'sharp';
import { type DocumentSource, loadDocument } from '../document/load.js';
import { loadSharp } from '../ocr/image-prep/grayscale.js';
import { openPdf, renderPdfPage } from '../ocr/pdf/index.js';
import { PAGE_BREAK } from '../parser/pages.js';
import type { LoadedDocument } from '../spec/document.js';
import { messageOf } from '../spec/errors.js';

/** A page drawn as a compressed image. */
export interface ImagePage {
  readonly kind: 'image';
  readonly pageNumber: number;
  readonly width: number;
  readonly height: number;
  readonly dataUrl: string;
}

/** A page of a text document: its rows, laid out in a monospaced grid `columns` characters wide. */
export interface TextPage {
  readonly kind: 'text';
  readonly pageNumber: number;
  readonly rows: readonly string[];
  readonly columns: number;
}

export type ReportPage = ImagePage | TextPage;

/** How pages are drawn. */
export interface PageImageOptions {
  /** The widest a page image is, in pixels; smaller images are not enlarged. */
  readonly maxWidth: number;
  /** WebP quality, 1–100. */
  readonly quality: number;
  /** Pages drawn from the start of a document; later pages are drawn only when a field is on them. */
  readonly maxPages: number;
}

/** A document's pages, and, when some or all could not be drawn, why. */
export interface DocumentPages {
  readonly pages: readonly ReportPage[];
  /** How many pages the document has, drawn or not; `undefined` when it could not be read. */
  readonly pageCount?: number;
  readonly note?: string;
}

const POINTS_PER_INCH = 72;
// The report scales pages down, so only a page enormous even then is refused.
const MAX_PAGE_PIXELS = 50_000_000;

/**
 * Draws the document's pages: the first `maxPages`, and any later page in `fieldPages`. Never throws for the
 * document's sake: a file that cannot be read or drawn gives no pages and a note saying why.
 */
export async function documentPages(
  source: DocumentSource,
  fieldPages: ReadonlySet<number>,
  options: PageImageOptions,
): Promise<DocumentPages> {
  try {
    const document = await loadDocument(source);
    if (document.mediaType === 'application/pdf') return await pdfPages(document, fieldPages, options);
    if (document.mediaType === 'text/plain') return textPages(document.text ?? '', fieldPages, options);
    if (document.mediaType === 'image/bmp') {
      return {
        pages: [],
        note: 'BMP images are not drawn in reports; convert the image to PNG to see it here.',
      };
    }
    return { pages: [await imagePage(document, options)], pageCount: 1 };
  } catch (error) {
    return { pages: [], note: `The pages cannot be shown: ${messageOf(error)}` };
  }
}

function isDrawn(pageNumber: number, fieldPages: ReadonlySet<number>, options: PageImageOptions): boolean {
  return pageNumber <= options.maxPages || fieldPages.has(pageNumber);
}

function skippedNote(drawn: number, total: number): string | undefined {
  return drawn === total
    ? undefined
    : `${total - drawn} of ${total} pages without extracted fields are not shown, to keep the report small.`;
}

async function pdfPages(
  document: LoadedDocument,
  fieldPages: ReadonlySet<number>,
  options: PageImageOptions,
): Promise<DocumentPages> {
  const pdf = await openPdf(document);
  try {
    const pages: ImagePage[] = [];
    for (let pageNumber = 1; pageNumber <= pdf.pageCount; pageNumber++) {
      if (!isDrawn(pageNumber, fieldPages, options)) continue;
      const page = await pdf.page(pageNumber);
      const dpi = (options.maxWidth / page.width) * POINTS_PER_INCH;
      const { canvas, width, height } = await renderPdfPage(page, { dpi, maxPixels: MAX_PAGE_PIXELS });
      const sharp = await loadSharp();
      const image = sharp(canvas.data(), { raw: { width, height, channels: 4 } });
      pages.push(await imagePageOf(image, pageNumber, options));
    }
    const note = skippedNote(pages.length, pdf.pageCount);
    return { pages, pageCount: pdf.pageCount, ...(note === undefined ? {} : { note }) };
  } finally {
    await pdf.close();
  }
}

async function imagePage(document: LoadedDocument, options: PageImageOptions): Promise<ImagePage> {
  const sharp = await loadSharp();
  // Upright as its EXIF orientation says and transparency on white, as OCR saw it, so the boxes fit.
  const upright = sharp(document.bytes, { failOn: 'none' }).autoOrient().flatten({ background: '#ffffff' });
  return imagePageOf(upright.resize({ width: options.maxWidth, withoutEnlargement: true }), 1, options);
}

async function imagePageOf(image: Sharp, pageNumber: number, options: PageImageOptions): Promise<ImagePage> {
  const { data, info } = await image.webp({ quality: options.quality }).toBuffer({ resolveWithObject: true });
  const dataUrl = `data:image/webp;base64,${data.toString('base64')}`;
  return { kind: 'image', pageNumber, width: info.width, height: info.height, dataUrl };
}

/**
 * A text document's pages on the grid its OCR document was laid out on (ocr/text/text-document.ts): pages
 * parted by form feeds, as wide as the longest row and as tall as the rows.
 */
function textPages(text: string, fieldPages: ReadonlySet<number>, options: PageImageOptions): DocumentPages {
  const texts = text.split(PAGE_BREAK);
  const pages: TextPage[] = [];
  texts.forEach((pageText, index) => {
    if (!isDrawn(index + 1, fieldPages, options)) return;
    const rows = pageText.trimEnd().split('\n');
    const columns = rows.reduce((widest, row) => Math.max(widest, row.length), 1);
    pages.push({ kind: 'text', pageNumber: index + 1, rows, columns });
  });
  const note = skippedNote(pages.length, texts.length);
  return { pages, pageCount: texts.length, ...(note === undefined ? {} : { note }) };
}
