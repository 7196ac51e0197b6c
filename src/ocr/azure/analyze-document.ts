/**
 * What the provider asks of an Azure client: analyze one document and hand back the result.
 *
 * @module
 */
import type { AnalyzeResult } from './analyze-result.js';
import type { AnalyzeRequest } from './convert-to-analyze-request.js';

/** One analyze call. */
export interface AnalyzeCall {
  readonly bytes: Uint8Array;
  readonly contentType: string;
  readonly request: AnalyzeRequest;
  readonly signal?: AbortSignal;
}

/** A finished analysis: the result in the mapper's shape, and the client's answer as it came. */
export interface AnalyzeOutcome {
  readonly result: AnalyzeResult;
  readonly raw: unknown;
}

/** Analyzes a document with one Azure client; throws `ProviderError`s, or the signal's reason on abort. */
export type AnalyzeDocument = (call: AnalyzeCall) => Promise<AnalyzeOutcome>;
