/**
 * The interface every extraction model implements, built-in or the user's own.
 *
 * @module
 */
import type { LoadedDocument, OcrDocument, Warning } from './document.js';
import type { JSONSchema } from './json-schema.js';
import type { Usage } from './usage.js';

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
  /**
   * Can mend an answer when told what is wrong with it (repair turns). `false` for a deterministic extractor,
   * which would answer the same again: its invalid answer fails at once, with what it found. @default true
   */
  readonly repairable?: boolean;
}

/** An earlier answer that could not be used, and what was wrong with it: one repair turn. */
export interface RepairTurn {
  /** The answer as the model wrote it (a tool call's input as JSON). */
  readonly answer: string;
  /** What to tell the model: why the answer was rejected and what to send instead. */
  readonly problem: string;
}

/** One extraction request. */
export interface ExtractionRequest {
  /** The system prompt: extraction rules plus the user's instructions. The same for every document, so providers may cache it. */
  readonly system: string;
  /** The JSON Schema the answer must satisfy. */
  readonly jsonSchema: JSONSchema;
  /**
   * The user turn: the task, with the document's text inside a delimited data block (or a note
   * that the document is attached). Chat models send this; {@link text} is the same text unwrapped.
   */
  readonly prompt: string;
  /** The document's text (or the part of it this request covers), when a parser or OCR ran upstream. */
  readonly text?: string;
  /** The document itself, for models that read PDFs or images natively. */
  readonly document?: LoadedDocument;
  /** OCR output, for providers that use layout (e.g. the heuristic extractor). */
  readonly ocr?: OcrDocument;
  /** Earlier answers to this request that were rejected, oldest first; sent as turns after {@link prompt}. */
  readonly repairs?: readonly RepairTurn[];
  readonly signal?: AbortSignal;
  readonly maxTokens: number;
  readonly temperature: number;
}

/** Why a model stopped. */
export type FinishReason = 'stop' | 'length' | 'refusal' | 'error';

/** A model's answer to one {@link ExtractionRequest}. */
export interface ExtractionResponse {
  /**
   * The answer, parsed from JSON (not yet validated); `undefined` when the model answered in
   * text that the stage should parse, given as {@link text}.
   */
  readonly json: unknown;
  /** The answer as the model wrote it; the stage parses it when `json` is `undefined`. */
  readonly text?: string;
  readonly finishReason: FinishReason;
  readonly usage: Partial<Usage>;
  /** The vendor's raw response, kept as an artifact. */
  readonly raw?: unknown;
  /**
   * How sure the model is of each value, 0..1, by JSON Pointer into the answer (`/total`), for
   * models that know (the heuristic extractor); copied onto `result.fields`.
   */
  readonly confidence?: Readonly<Record<string, number>>;
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
  /**
   * Answers one request. The extraction stage calls this, adding what a direct call skips: parsing and
   * validating the answer against the schema, repair turns, chunking of long documents, retries, rate limits,
   * the cache, prices and grounding. A direct call returns the model's raw, unvalidated answer: call a model
   * through a pipeline (`new LLMExtractionConfig({ provider })`).
   */
  extract(request: ExtractionRequest): Promise<ExtractionResponse>;
  /** Releases connections; called by `pipeline.close()`. */
  close?(): Promise<void>;
}

/** How an extraction model's answer is constrained to the schema. */
export const OutputMode = {
  /** The best the model supports: native structured output, else a forced tool call. */
  AUTO: 'auto',
  /** Native structured output: decoding constrained by the JSON Schema. */
  JSON_SCHEMA: 'json-schema',
  /** A forced tool call whose input schema is the JSON Schema. */
  TOOL: 'tool',
  /** JSON mode with the schema in the prompt (OpenAI-compatible endpoints without structured output). */
  JSON_OBJECT: 'json-object',
} as const;
/** One of the {@link OutputMode} values. */
export type OutputMode = (typeof OutputMode)[keyof typeof OutputMode];
