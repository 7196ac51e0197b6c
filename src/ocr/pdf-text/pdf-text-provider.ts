/**
 * The `pdf-text` OCR provider: a PDF's own text layer read with pdf.js, no OCR.
 *
 * @module
 */
import { DEFAULT_DOCUMENT_LIMITS } from '../../document/limits.js';
import type { LoadedDocument, Warning } from '../../spec/document.js';
import { InputError } from '../../spec/errors.js';
import type { OcrProvider, OcrRecognition, OcrRecognizeOptions } from '../../spec/ocr-provider.js';
import { mapPages } from '../pdf/map-pages.js';
import { openPdf } from '../pdf/open-pdf.js';
import { selectPages } from '../pdf/select-pages.js';
import { extractTextLayer } from './extract-text-layer.js';
import type { UnusableReason } from './text-usability.js';

// Pages whose text is requested at once: pdf.js interleaves their parsing, which is about 30% faster than
// one page at a time, while keeping memory bounded on long documents.
const LANES = 4;

/**
 * Settings of {@link createPdfTextOcr}: none yet, since the text layer is read as it is; the object is there so
 * that every OCR factory has one shape.
 */
export type PdfTextOcrSettings = Record<string, never>;

/**
 * An OCR provider that reads the words and lines a digital PDF already holds, offline and at no cost. A page
 * without a usable text layer (a scan) comes back empty, with a `no-text-layer` warning.
 *
 * @example
 * ```ts
 * const pipeline = linearPipeline({ jsonSchema, ocr: new OCRConfig({ provider: createPdfTextOcr() }) });
 * ```
 * @throws nothing itself; its `recognize` rejects with `InputError` when the document is not a PDF, cannot be
 * read or breaks `limits.maxPages`, and with `signal.reason` when aborted; requested pages past the end are
 * skipped with a `pages-out-of-range` warning.
 */
export function createPdfTextOcr(_settings: PdfTextOcrSettings = {}): OcrProvider {
  return {
    specificationVersion: 'v1',
    provider: 'pdf-text',
    modelId: 'pdfjs-5',
    recognize: recognizeTextLayer,
  };
}

async function recognizeTextLayer(
  document: LoadedDocument,
  { signal, pages, limits, onProgress }: OcrRecognizeOptions,
): Promise<OcrRecognition> {
  if (document.mediaType !== 'application/pdf') {
    throw new InputError(
      `${document.name} is not a PDF (its content is ${document.mediaType}), and pdf-text reads PDFs; for images use the 'tesseract' or 'auto' provider.`,
    );
  }
  const pdf = await openPdf(document, { signal, limits });
  try {
    const selection = selectPages(pdf.pageCount, pages, document.name);
    const maxMs = (limits ?? DEFAULT_DOCUMENT_LIMITS).maxPageMs;
    const layers = await mapPages(selection.pages, { lanes: LANES, signal, onProgress }, (n, pageSignal) =>
      pdf.page(n).then((page) => extractTextLayer(page, { maxMs, signal: pageSignal })),
    );
    const ocrPages = layers.map((layer) => layer.page);
    const warnings = [
      ...selection.warnings,
      ...layers.flatMap((layer) =>
        layer.usable ? [] : [noTextLayerWarning(layer.page.pageNumber, layer.reason)],
      ),
    ];
    return {
      document: { provider: 'pdf-text', pages: ocrPages },
      usage: { pages: ocrPages.length, costUsd: 0 },
      warnings,
    };
  } finally {
    await pdf.close();
  }
}

function noTextLayerWarning(page: number, reason: UnusableReason | undefined): Warning {
  const cause =
    reason === 'unmapped-glyphs'
      ? 'its text layer is mostly glyphs without Unicode mappings'
      : 'it has no text layer (it is probably a scan)';
  return {
    code: 'no-text-layer',
    page,
    message: `Page ${page} came out empty because ${cause}; use the 'tesseract' or 'auto' provider to OCR it.`,
  };
}
