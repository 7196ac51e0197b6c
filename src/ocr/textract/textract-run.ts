/**
 * What one `recognize` call on Textract works with, and what it gives back, shared by the synchronous and
 * asynchronous paths.
 *
 * @module
 */

import { limitSetting } from '../../document/limits.js';
import type { DocumentLimits, LoadedDocument, OcrPage, Warning } from '../../spec/document.js';
import { InputError } from '../../spec/errors.js';
import type { OcrRecognizeOptions } from '../../spec/ocr-provider.js';
import type { TextractSession } from './textract-client.js';
import type { TextractMediaType } from './textract-limits.js';
import type { TextractOperation } from './textract-request.js';

/** One recognition of one document. */
export interface TextractRun {
  readonly session: TextractSession;
  readonly operation: TextractOperation;
  readonly document: LoadedDocument;
  readonly bytes: Uint8Array;
  readonly mediaType: TextractMediaType;
  /** 1-based pages asked for; all when undefined. */
  readonly pages: readonly number[] | undefined;
  readonly limits: DocumentLimits;
  readonly signal: AbortSignal | undefined;
  readonly onProgress: ((done: number, total: number) => void) | undefined;
  /** Makes one request through the run's rate limits and retries (see `OcrRecognizeOptions.callProvider`). */
  readonly callProvider: <T>(request: () => Promise<T>) => Promise<T>;
  /** Makes one request whose answer the run keeps, or gives back the one it kept (see `OcrRecognizeOptions.callProviderOnce`). */
  readonly callProviderOnce: NonNullable<OcrRecognizeOptions['callProviderOnce']>;
}

/** The pages recognised, the pages Textract billed, and the raw responses. */
export interface TextractPages {
  readonly pages: OcrPage[];
  readonly billedPages: number;
  readonly raw: unknown;
  readonly warnings: Warning[];
}

/** @throws {@link InputError} when a PDF has more pages than `limits.maxPages`. */
export function assertPageLimit(pageCount: number, run: TextractRun): void {
  if (pageCount <= run.limits.maxPages) return;
  throw new InputError(
    `${run.document.name} has ${pageCount} pages, over the limit of ${run.limits.maxPages}; raise ${limitSetting('maxPages')} to process it, or split the PDF.`,
  );
}
