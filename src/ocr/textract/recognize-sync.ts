/**
 * Textract's synchronous APIs, which read one page a request: an image as it is, a PDF page by page.
 *
 * @module
 */
import type { OcrPage } from '../../spec/document.js';
import { ocrPage } from '../page-builder.js';
import { mapPages } from '../pdf/map-pages.js';
import { selectPages } from '../pdf/select-pages.js';
import type { TextractPageFrame } from './map-textract-response.js';
import { mapTextractResult, rawTextractResponse } from './map-textract-result.js';
import { imageFrame, pdfFrame } from './page-frames.js';
import { openSplittablePdf } from './pdf-pages.js';
import { assertImageSize, assertPdfPageSize, assertSyncSize } from './textract-limits.js';
import { syncRequest, textractApi } from './textract-request.js';
import { assertPageLimit, type TextractPages, type TextractRun } from './textract-run.js';

/**
 * Recognises an image in one request, or each asked-for page of a PDF in its own request, `lanes` at a time,
 * merged in page order.
 *
 * @throws {@link InputError} when a limit of Textract or of `run.limits` is broken, before the request concerned.
 * @throws {@link ProviderError} when Textract fails.
 */
export async function recognizeSync(run: TextractRun, lanes: number): Promise<TextractPages> {
  if (run.mediaType !== 'application/pdf') return recognizeImage(run);
  const { document, bytes } = run;
  const pdf = await openSplittablePdf(bytes, document.name);
  assertPageLimit(pdf.pageCount, run);
  const selection = selectPages(pdf.pageCount, run.pages, document.name);
  const pageNumbers = selection.pages;
  for (const pageNumber of pageNumbers) assertPdfPageSize(pdf.size(pageNumber), pageNumber, document.name);
  const results = await mapPages(
    pageNumbers,
    { lanes, signal: run.signal, onProgress: run.onProgress },
    async (pageNumber, signal) => {
      // A one-page PDF goes as it is; cutting a page out re-encodes it.
      const pageBytes = pdf.pageCount === 1 ? bytes : await pdf.extract(pageNumber);
      assertSyncSize(pageBytes, `Page ${pageNumber} of ${document.name}`);
      return recognizePage(run, pageBytes, pdfFrame(pdf, pageNumber), signal);
    },
  );
  return {
    pages: results.map((result) => result.page),
    // A page whose answer was kept from an earlier attempt is not billed again.
    billedPages: results.filter((result) => !result.reused).length,
    raw: { pages: results.map(({ page, raw }) => ({ pageNumber: page.pageNumber, response: raw })) },
    warnings: selection.warnings,
  };
}

async function recognizeImage(run: TextractRun): Promise<TextractPages> {
  const { document, bytes } = run;
  // Images are one page to the synchronous APIs (a multi-page TIFF needs OCRConfig.s3); asking only for later
  // pages leaves nothing to send, and nothing to bill.
  const selection = selectPages(1, run.pages, document.name);
  if (selection.pages.length === 0)
    return { pages: [], billedPages: 0, raw: {}, warnings: selection.warnings };
  assertSyncSize(bytes, document.name);
  const frame = imageFrame(document, bytes, 1);
  assertImageSize(frame, document.name);
  const { page, raw, reused } = await recognizePage(run, bytes, frame, run.signal);
  run.onProgress?.(1, 1);
  return { pages: [page], billedPages: reused ? 0 : 1, raw, warnings: selection.warnings };
}

async function recognizePage(
  run: TextractRun,
  bytes: Uint8Array,
  frame: TextractPageFrame,
  signal: AbortSignal | undefined,
): Promise<{ page: OcrPage; raw: unknown; reused: boolean }> {
  const api = textractApi(run.operation).sync;
  const { answer: response, reused } = await run.callProviderOnce({ api, page: frame.pageNumber }, () =>
    run.session.call(api, syncRequest(run.operation, bytes), signal),
  );
  // A blank page may come back without blocks; it is still a page of the document.
  const [page = ocrPage({ ...frame, angle: 0, lines: [] })] = mapTextractResult(response, () => frame);
  return { page, raw: rawTextractResponse(response), reused };
}
