/**
 * Rendering a PDF page onto a canvas with pdf.js and `@napi-rs/canvas`, for OCR of pages without a text layer.
 *
 * @module
 */
import type { Canvas } from '@napi-rs/canvas';
import type { RenderParameters } from 'pdfjs-dist/types/src/display/api.js';
import { DEFAULT_DOCUMENT_LIMITS, formatMegapixels, limitSetting } from '../../document/limits.js';
import { InputError, messageOf } from '../../spec/errors.js';
import { quotableMessage } from '../../util/quotable-message.js';
import { isPageOverrun, withinPageBudget } from '../page-budget.js';
import { abortable } from './abortable.js';
import { type PdfPage, pdfPageSource } from './pdf-document.js';

/** Options of {@link renderPdfPage}. */
export interface RenderPdfPageOptions {
  /** Resolution in dots per inch; 72 renders one pixel per PDF point. */
  readonly dpi: number;
  /** The most pixels (width × height) the image may have (`limits.maxPixels`). */
  readonly maxPixels: number;
  /** Cancels rendering; the promise then rejects with `signal.reason`. */
  readonly signal?: AbortSignal | undefined;
  /** The most milliseconds rendering may take (`limits.maxPageMs`). @default 60_000 */
  readonly maxMs?: number;
}

/** A rendered page. */
export interface RenderedPdfPage {
  /**
   * The page's pixels. OCR reads them straight from the canvas: encoding a PNG only to decode it again
   * costs more than a third of the time of rendering and would hold back the OCR workers.
   */
  readonly canvas: Canvas;
  /** Width in pixels. */
  readonly width: number;
  /** Height in pixels. */
  readonly height: number;
}

const POINTS_PER_INCH = 72;

/**
 * Renders a page, upright (its /Rotate applied), on a white background.
 *
 * @example
 * ```ts
 * const rendered = await renderPdfPage(await pdf.page(1), { dpi: 300, maxPixels: 100_000_000 });
 * const png = await encodePng(rendered);
 * ```
 * @throws {@link InputError} when the image would exceed `maxPixels` at this dpi, the page cannot be rendered,
 * or rendering takes longer than `maxMs`.
 * @throws `options.signal.reason` when the signal aborts.
 */
export async function renderPdfPage(page: PdfPage, options: RenderPdfPageOptions): Promise<RenderedPdfPage> {
  const { dpi, signal } = options;
  signal?.throwIfAborted();
  const { proxy, documentName } = pdfPageSource(page);
  const viewport = proxy.getViewport({ scale: dpi / POINTS_PER_INCH });
  const width = Math.ceil(viewport.width);
  const height = Math.ceil(viewport.height);
  if (width * height > options.maxPixels) {
    throw new InputError(
      `Page ${page.pageNumber} of ${documentName} is ${Math.round(page.width)}×${Math.round(page.height)} points, which at ${dpi} dpi is ${width}×${height} pixels (${formatMegapixels(width * height)} megapixels), over the limit of ${formatMegapixels(options.maxPixels)} megapixels; lower OCRConfig.dpi or raise ${limitSetting('maxPixels')}.`,
    );
  }
  // Loaded on first render: the native module costs startup time that text-only runs never need.
  const { createCanvas } = await import('@napi-rs/canvas');
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  // PDF pages are transparent; OCR needs dark text on a light ground, not on black.
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  const task = proxy.render({
    // pdf.js types these as DOM objects; @napi-rs/canvas implements what it uses of them.
    canvas: canvas as unknown as RenderParameters['canvas'],
    canvasContext: context as unknown as RenderParameters['canvasContext'],
    viewport,
  });
  const rendering = withinPageBudget((budget) => abortable(task.promise, budget, () => task.cancel()), {
    work: 'Rendering',
    pageNumber: page.pageNumber,
    maxMs: options.maxMs ?? DEFAULT_DOCUMENT_LIMITS.maxPageMs,
    signal,
  });
  await rendering.catch((error: unknown) => {
    signal?.throwIfAborted();
    if (isPageOverrun(error)) throw error;
    throw new InputError(
      `Page ${page.pageNumber} of ${documentName} cannot be rendered (${quotableMessage(messageOf(error))}); re-export the PDF, or use the 'pdf-text' provider if it has a text layer.`,
      { cause: error },
    );
  });
  return { canvas, width, height };
}

/** The rendered page as a PNG file. */
export function encodePng(rendered: RenderedPdfPage): Promise<Uint8Array> {
  return rendered.canvas.encode('png');
}
