/**
 * The interface every extraction model implements, built-in or the user's own.
 *
 * @module
 */
import type { LoadedDocument, OcrDocument, Warning } from '../document/model.js';
import type { Usage } from '../pipeline/usage.js';
import type { JSONSchema } from '../schema/index.js';

/** What a model can do; the extraction stage plans its requests from this. */
export interface ModelCapabilities {
  /** Native structured output (JSON Schema constrained decoding). */
  readonly structuredOutput: boolean;
  /** Reads images. */
  readonly images: boolean;
  /** Reads PDFs natively. */
  readonly pdf: boolean;
  /** Context window, in tokens. */
  readonly contextTokens: number;
  /** Supports prompt caching of a fixed prefix. */
  readonly promptCaching: boolean;
}

/** One extraction request. */
export interface ExtractionRequest {
  /** The system prompt: extraction rules plus the user's instructions. */
  readonly system: string;
  /** The JSON Schema the answer must satisfy. */
  readonly jsonSchema: JSONSchema;
  /** The document's text, when a parser (or OCR) ran upstream. */
  readonly text?: string;
  /** The document itself, for models that read PDFs or images natively. */
  readonly document?: LoadedDocument;
  /** OCR output, for providers that use layout (e.g. the heuristic extractor). */
  readonly ocr?: OcrDocument;
  readonly signal?: AbortSignal;
  readonly maxTokens: number;
  readonly temperature: number;
}

/** Why a model stopped. */
export type FinishReason = 'stop' | 'length' | 'refusal' | 'error';

/** A model's answer to one {@link ExtractionRequest}. */
export interface ExtractionResponse {
  /** The answer, parsed from JSON (not yet validated). */
  readonly json: unknown;
  readonly finishReason: FinishReason;
  readonly usage: Partial<Usage>;
  /** The vendor's raw response, kept as an artifact. */
  readonly raw?: unknown;
  readonly warnings: readonly Warning[];
}

/**
 * An extraction model: fills a JSON Schema from a document.
 *
 * @example
 * ```ts
 * const myModel: ExtractionModel = {
 *   specificationVersion: 'v1', provider: 'my-llm', modelId: 'm1',
 *   capabilities: { structuredOutput: true, images: false, pdf: false, contextTokens: 128_000, promptCaching: false },
 *   async extract(req) { ... return { json, finishReason: 'stop', usage: {}, warnings: [] }; },
 * };
 * new LLMExtractionConfig({ provider: myModel });
 * ```
 */
export interface ExtractionModel {
  readonly specificationVersion: 'v1';
  /** e.g. `anthropic`, `bedrock`, `openai-compatible`, `heuristic`. */
  readonly provider: string;
  readonly modelId: string;
  readonly capabilities: ModelCapabilities;
  extract(request: ExtractionRequest): Promise<ExtractionResponse>;
  /** Releases connections; called by `pipeline.close()`. */
  close?(): Promise<void>;
}
