/**
 * Recognising a whole document with a local OCR engine (a pool of worker threads): an image as one page, a PDF
 * page by page, rendered; with the pages asked for, the limits, cancellation and progress. Shared by the
 * `tesseract` and `paddle` providers.
 *
 * @module
 */
import type { DocumentLimits, LoadedDocument, OcrPage, Warning } from '../spec/document.js';
import { InputError } from '../spec/errors.js';
import type { PageEngineOptions } from './engine-pool.js';
import {
  mapPages,
  openPdf,
  type PdfPage,
  type RenderedPdfPage,
  renderPdfPage,
  selectPages,
} from './pdf/index.js';

/** An image file's bytes (PNG, JPEG, TIFF, BMP, WEBP, GIF), or a PDF page already rendered to pixels. */
export type PageImage = Uint8Array | RenderedPdfPage;

/** What recognising one page yields. */
export interface RecognizedPage {
  readonly page: OcrPage;
  /** e.g. `blank-page` when no text was found. */
  readonly warnings: readonly Warning[];
}

/** A local OCR engine: a pool of `size` workers that each recognise one page image at a time. */
export interface PageEngine<Result extends RecognizedPage = RecognizedPage> {
  /** The most pages recognised at once. */
  readonly size: number;
  recognize(image: PageImage, options: PageEngineOptions): Promise<Result>;
}

/** Options of {@link recognizeDocument}. */
export interface RecognizeDocumentOptions {
  /** 1-based pages to recognise; all when undefined. */
  readonly pages: readonly number[] | undefined;
  /** Resolution PDF pages are rendered at. */
  readonly dpi: number;
  readonly limits: DocumentLimits;
  readonly signal?: AbortSignal | undefined;
  /** Called after each page is recognised, with the pages done and the pages in all. */
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
  /** The engine's name, for messages: `tesseract`. @default 'OCR' */
  readonly engineName?: string;
}

/** The recognised pages of a document, and the warnings of choosing them (`pages-out-of-range`). */
export interface RecognizedDocument<Result extends RecognizedPage = RecognizedPage> {
  readonly pages: Result[];
  readonly warnings: Warning[];
}

/** How one page of an open PDF becomes a recognised page; {@link recognizePdfPage} renders and OCRs it. */
export type PdfPageReader<Engine extends PageEngine = PageEngine> = (
  engine: Engine,
  page: PdfPage,
  options: RecognizePdfPageOptions,
) => Promise<RecognizedPage>;

/**
 * The recognised pages of `document`, in page order; each PDF page is read by `readPdfPage`.
 *
 * @throws {@link InputError} for text, unreadable or oversized documents; `ProviderError` when the engine fails;
 * `signal.reason` when the signal aborts. Requested pages the document lacks are skipped with a warning.
 */
export async function recognizeDocument<Engine extends PageEngine>(
  engine: Engine,
  document: LoadedDocument,
  options: RecognizeDocumentOptions,
  readPdfPage: PdfPageReader<Engine> = recognizePdfPage,
): Promise<RecognizedDocument> {
  if (document.mediaType === 'application/pdf') return recognizePdf(engine, document, options, readPdfPage);
  if (document.mediaType === 'text/plain') {
    throw new InputError(
      `${document.name} is text, but ${options.engineName ?? 'OCR'} reads images and PDFs; text needs no OCR: use stages [Stage.LLM_EXTRACTION].`,
    );
  }
  if (document.bytes === undefined) {
    throw new InputError(`${document.name} has no bytes to read; load it with loadDocument().`);
  }
  // An image is page 1; asking only for later pages leaves nothing to recognise.
  const selection = selectPages(1, options.pages, document.name);
  const [pageNumber] = selection.pages;
  if (pageNumber === undefined) return { pages: [], warnings: selection.warnings };
  const { signal, limits } = options;
  const result = await engine.recognize(document.bytes, {
    pageNumber,
    name: document.name,
    signal,
    maxPixels: limits.maxPixels,
    maxMs: limits.maxPageMs,
  });
  options.onProgress?.(1, 1);
  return { pages: [result], warnings: selection.warnings };
}

async function recognizePdf<Engine extends PageEngine>(
  engine: Engine,
  document: LoadedDocument,
  options: RecognizeDocumentOptions,
  readPdfPage: PdfPageReader<Engine>,
): Promise<RecognizedDocument> {
  const { signal, onProgress, dpi, limits } = options;
  const pdf = await openPdf(document, { signal, limits });
  try {
    const selection = selectPages(pdf.pageCount, options.pages, document.name);
    // One lane more than the engine has workers keeps a rendered page waiting for the next free worker, while
    // at most that many rendered pages are held in memory.
    const lanes = engine.size + 1;
    const pages = await mapPages(
      selection.pages,
      { lanes, signal, onProgress },
      async (pageNumber, pageSignal) =>
        readPdfPage(engine, await pdf.page(pageNumber), {
          dpi,
          maxPixels: limits.maxPixels,
          maxMs: limits.maxPageMs,
          signal: pageSignal,
        }),
    );
    return { pages, warnings: selection.warnings };
  } finally {
    await pdf.close();
  }
}

/** Options of {@link recognizePdfPage}. */
export interface RecognizePdfPageOptions {
  /** Resolution the page is rendered at. */
  readonly dpi: number;
  /** The most pixels the rendered page may have (`limits.maxPixels`). */
  readonly maxPixels: number;
  /** The most milliseconds rendering the page, and then reading it, may each take (`limits.maxPageMs`). */
  readonly maxMs: number;
  readonly signal?: AbortSignal | undefined;
}

// An A3 page at 300 dpi. Rendering more pixels than that only slows OCR down; pages bigger than this are
// photos or posters placed at their pixel size, which lower resolutions read just as well.
const MAX_RENDERED_PIXELS = 17_500_000;
const POINTS_PER_INCH = 72;

/**
 * Renders a page of an open PDF at `dpi` (lowered, with a warning, for pages too big to need it) and
 * recognises it with the engine.
 *
 * @throws {@link InputError} when the page cannot be rendered or would exceed `maxPixels`; `ProviderError` when
 * the engine fails; `signal.reason` when the signal aborts.
 */
export async function recognizePdfPage(
  engine: PageEngine,
  page: PdfPage,
  options: RecognizePdfPageOptions,
): Promise<RecognizedPage> {
  const { maxPixels, maxMs, signal } = options;
  const dpi = renderingDpi(page, options.dpi);
  const rendered = await renderPdfPage(page, { dpi, maxPixels, maxMs, signal });
  const result = await engine.recognize(rendered, { pageNumber: page.pageNumber, signal, maxPixels, maxMs });
  if (dpi === options.dpi) return result;
  const inches = (points: number) => (points / POINTS_PER_INCH).toFixed(1);
  const lowered: Warning = {
    code: 'dpi-lowered',
    page: page.pageNumber,
    message: `Page ${page.pageNumber} is ${inches(page.width)}×${inches(page.height)} inches, so it was rendered for OCR at ${dpi} dpi instead of ${options.dpi} to stay within ${MAX_RENDERED_PIXELS / 1_000_000} megapixels.`,
  };
  return { ...result, warnings: [...result.warnings, lowered] };
}

function renderingDpi(page: PdfPage, requested: number): number {
  const pixelsAtRequested =
    ((page.width * requested) / POINTS_PER_INCH) * ((page.height * requested) / POINTS_PER_INCH);
  if (pixelsAtRequested <= MAX_RENDERED_PIXELS) return requested;
  return Math.floor(requested * Math.sqrt(MAX_RENDERED_PIXELS / pixelsAtRequested));
}
