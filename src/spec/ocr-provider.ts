/**
 * The interface every OCR provider implements, built-in or the user's own.
 *
 * @module
 */
import type { DocumentLimits, LoadedDocument, OcrDocument, Warning } from './document.js';

/** Analysis features an OCR provider can be asked for (Textract's names). */
export type OcrFeature = 'TABLES' | 'FORMS' | 'LAYOUT' | 'QUERIES' | 'SIGNATURES';

/** Options of one {@link OcrProvider.recognize} call. */
export interface OcrRecognizeOptions {
  readonly signal?: AbortSignal;
  /** 1-based page numbers to recognise; all pages when omitted. */
  readonly pages?: readonly number[];
  /** Limits to enforce on what only the provider sees (PDF pages counted on opening, rendered pixels). */
  readonly limits?: DocumentLimits;
  /** Called after each page is recognised, with the pages done and the pages in all. */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Makes one request to the provider through the run's rate limits and retries. A provider that sets
   * {@link OcrProvider.routesRequests} sends each request (a page) through it, so a page that fails is asked
   * again alone while the pages already read are kept. @default the request is made as it is
   */
  readonly callProvider?: <T>(request: () => Promise<T>) => Promise<T>;
  /**
   * Like {@link callProvider}, for a request whose answer (JSON data) the run may keep: `identity` names the
   * request within the document (`{ api: 'AnalyzeDocument', page: 4 }`). A run that resumes the document after a
   * failure or a crash gets the kept answer back, `reused`, instead of asking again: a page already read is not
   * paid for twice. @default absent: make the request through `callProvider`
   */
  readonly callProviderOnce?: <T>(
    identity: unknown,
    request: () => Promise<T>,
  ) => Promise<{ readonly answer: T; readonly reused: boolean }>;
}

/** What an OCR provider returns for one document. */
export interface OcrRecognition {
  readonly document: OcrDocument;
  readonly usage: { readonly pages: number; readonly costUsd?: number };
  /** The vendor's raw response, kept as an artifact; never passed downstream. */
  readonly raw?: unknown;
  readonly warnings: readonly Warning[];
}

/**
 * An OCR provider: turns a loaded document into a provider-neutral {@link OcrDocument}.
 *
 * @example
 * ```ts
 * const myOcr: OcrProvider = {
 *   specificationVersion: 'v1', provider: 'my-ocr', modelId: 'v2',
 *   async recognize(doc, { signal }) { ... return { document, usage: { pages: 1 }, warnings: [] }; },
 * };
 * new OCRConfig({ provider: myOcr });
 * ```
 */
export interface OcrProvider {
  readonly specificationVersion: 'v1';
  /** e.g. `aws.textract`, `azure.document-intelligence`, `tesseract`, `pdf-text`. */
  readonly provider: string;
  readonly modelId: string;
  /**
   * Reads one document. The OCR stage calls this, adding what a direct call skips: the run's retries, rate
   * limits and timeout, the cache, the document limits, and the checks of the returned geometry. Call a
   * provider through a pipeline (`new OCRConfig({ provider })`), not directly.
   */
  recognize(document: LoadedDocument, options: OcrRecognizeOptions): Promise<OcrRecognition>;
  /**
   * Sends each of its requests through `options.callProvider`, so the stage does not pass the whole recognition
   * through it as one call (which a retry would then redo whole, every page billed again). @default false
   */
  readonly routesRequests?: boolean;
  /** Releases workers, pools or connections; called by `pipeline.close()`. */
  close?(): Promise<void>;
}
