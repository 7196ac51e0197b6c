/**
 * The OCR provider of a local engine (`tesseract`, `paddle`): a document read page by page on the engine's pool,
 * nothing billed.
 *
 * @module
 */
import { DEFAULT_DOCUMENT_LIMITS } from '../document/limits.js';
import type { OcrProvider } from '../spec/ocr-provider.js';
import { type PageEngine, type PdfPageReader, recognizeDocument } from './paged-recognition.js';

/** What makes a local engine's provider. */
export interface LocalEngineProviderOptions<Engine extends PageEngine> {
  readonly provider: string;
  readonly modelId: string;
  /** The engine's pool of workers. */
  readonly engine: Engine & { close(): Promise<void> };
  /** Whether `close()` closes the pool: not one the caller passed in, which is theirs to close. */
  readonly ownsEngine: boolean;
  /** Resolution scanned PDF pages are rendered at. */
  readonly dpi: number;
  /** How a PDF page becomes a recognised page. @default render it and read it on the engine */
  readonly readPdfPage?: PdfPageReader<Engine> | undefined;
  /** The engine's name in messages. @default 'OCR' */
  readonly engineName?: string;
}

/** An {@link OcrProvider} that reads documents on a local engine. */
export function localEngineProvider<Engine extends PageEngine>(
  options: LocalEngineProviderOptions<Engine>,
): OcrProvider {
  const { provider, engine } = options;
  return {
    specificationVersion: 'v1',
    provider,
    modelId: options.modelId,
    async recognize(document, recognizeOptions) {
      const { pages, warnings } = await recognizeDocument(
        engine,
        document,
        {
          pages: recognizeOptions.pages,
          dpi: options.dpi,
          limits: recognizeOptions.limits ?? DEFAULT_DOCUMENT_LIMITS,
          signal: recognizeOptions.signal,
          onProgress: recognizeOptions.onProgress,
          ...(options.engineName === undefined ? {} : { engineName: options.engineName }),
        },
        options.readPdfPage,
      );
      return {
        document: { provider, pages: pages.map((result) => result.page) },
        usage: { pages: pages.length, costUsd: 0 },
        warnings: [...warnings, ...pages.flatMap((result) => result.warnings)],
      };
    },
    close: () => (options.ownsEngine ? engine.close() : Promise.resolve()),
  };
}
