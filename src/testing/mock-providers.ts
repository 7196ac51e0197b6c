/**
 * Test doubles of the provider interfaces, for pipeline tests (docpipe's and users' own).
 * They make no network calls; latency and failures are scripted.
 *
 * @module
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { LoadedDocument, OcrDocument, Warning } from '../spec/document.js';
import type {
  ExtractionModel,
  ExtractionRequest,
  ExtractionResponse,
  FinishReason,
  ModelCapabilities,
} from '../spec/extraction-model.js';
import type { OcrProvider, OcrRecognition, OcrRecognizeOptions } from '../spec/ocr-provider.js';
import type { Usage } from '../spec/usage.js';
import { ocrDocumentFromText } from './ocr-document-from-text.js';

/** Scripted behaviour shared by the mocks. */
export interface MockBehaviour {
  /** Simulated latency of each call, in ms. @default 0 */
  readonly latencyMs?: number;
  /** Called before each call with its 1-based number; a returned error is thrown instead of answering. */
  readonly failWith?: (call: number) => unknown;
}

/** Options of {@link createMockOcrProvider}. */
export interface MockOcrProviderOptions extends MockBehaviour {
  /** What to return: an `OcrDocument`, or page texts laid out with {@link ocrDocumentFromText}. @default the document's own text */
  readonly result?: OcrDocument | string | readonly string[] | ((document: LoadedDocument) => OcrDocument);
  /** Cost reported per page. @default 0 */
  readonly costPerPage?: number;
  readonly warnings?: readonly Warning[];
}

/** A mock OCR provider that records its calls. */
export interface MockOcrProvider extends OcrProvider {
  /** The documents it was called with, in order. */
  readonly calls: readonly LoadedDocument[];
  /** Whether `close()` was called. */
  readonly closed: boolean;
}

/**
 * A fake OCR provider (a test double: no OCR happens).
 *
 * @example
 * ```ts
 * const ocr = createMockOcrProvider({ result: 'Invoice INV-1\nTotal 42.00', latencyMs: 20 });
 * linearPipeline({ ..., ocr: new OCRConfig({ provider: ocr }) });
 * ```
 */
export function createMockOcrProvider(options: MockOcrProviderOptions = {}): MockOcrProvider {
  const calls: LoadedDocument[] = [];
  let closed = false;
  return {
    specificationVersion: 'v1',
    provider: 'mock',
    modelId: 'mock-ocr',
    get calls() {
      return calls;
    },
    get closed() {
      return closed;
    },
    async recognize(document: LoadedDocument, { signal }: OcrRecognizeOptions): Promise<OcrRecognition> {
      calls.push(document);
      await behave(options, calls.length, signal);
      const result = mockOcrResult(options.result, document);
      return {
        document: result,
        usage: { pages: result.pages.length, costUsd: result.pages.length * (options.costPerPage ?? 0) },
        warnings: options.warnings ?? [],
      };
    },
    async close() {
      closed = true;
    },
  };
}

function mockOcrResult(result: MockOcrProviderOptions['result'], document: LoadedDocument): OcrDocument {
  if (typeof result === 'function') return result(document);
  if (result === undefined) return ocrDocumentFromText(document.text ?? document.name);
  if (typeof result === 'string' || Array.isArray(result))
    return ocrDocumentFromText(result as string | string[]);
  return result as OcrDocument;
}

/** A scripted model answer: any JSON value. */
export type MockAnswer = object | string | number | boolean | null;

/** Options of {@link createMockExtractionModel}. */
export interface MockExtractionModelOptions extends MockBehaviour {
  /** The answer (any JSON value), or a function of the request and call number giving it. */
  readonly respond: MockAnswer | ((request: ExtractionRequest, call: number) => unknown);
  /**
   * How the answer is returned: parsed (`json`, as a tool call gives it) or as the text the model
   * wrote (`text`: strings as they are, other values as JSON), which the stage parses. @default 'json'
   */
  readonly answerAs?: 'json' | 'text';
  /** Why the model stopped, or a function of the request and call number giving it. @default 'stop' */
  readonly finishReason?: FinishReason | ((request: ExtractionRequest, call: number) => FinishReason);
  /** Usage reported per call. @default 100 input and 20 output tokens */
  readonly usage?: Partial<Usage>;
  readonly capabilities?: Partial<ModelCapabilities>;
  readonly warnings?: readonly Warning[];
}

/** A mock extraction model that records its requests. */
export interface MockExtractionModel extends ExtractionModel {
  /** The requests it received, in order. */
  readonly requests: readonly ExtractionRequest[];
}

/**
 * A fake extraction model (a test double: no model runs).
 *
 * @example
 * ```ts
 * const model = createMockExtractionModel({ respond: { invoice_number: 'INV-1', total: 42 } });
 * linearPipeline({ ..., llm: new LLMExtractionConfig({ provider: model }) });
 * ```
 */
export function createMockExtractionModel(options: MockExtractionModelOptions): MockExtractionModel {
  const requests: ExtractionRequest[] = [];
  return {
    specificationVersion: 'v1',
    provider: 'mock',
    modelId: 'mock-model',
    capabilities: {
      structuredOutput: true,
      images: false,
      pdf: false,
      contextTokens: 200_000,
      promptCaching: false,
      ...options.capabilities,
    },
    get requests() {
      return requests;
    },
    async extract(request: ExtractionRequest): Promise<ExtractionResponse> {
      requests.push(request);
      await behave(options, requests.length, request.signal);
      const { respond } = options;
      const call = requests.length;
      const answer = typeof respond === 'function' ? await respond(request, call) : respond;
      const { finishReason = 'stop' } = options;
      return {
        ...(options.answerAs === 'text'
          ? { json: undefined, text: typeof answer === 'string' ? answer : JSON.stringify(answer) }
          : { json: answer }),
        finishReason: typeof finishReason === 'function' ? finishReason(request, call) : finishReason,
        usage: options.usage ?? { inputTokens: 100, outputTokens: 20 },
        warnings: options.warnings ?? [],
      };
    },
  };
}

async function behave(
  behaviour: MockBehaviour,
  call: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  // Like a real provider, a mock given an aborted signal does no work: it rejects with the signal's reason.
  signal?.throwIfAborted();
  if (behaviour.latencyMs) await sleep(behaviour.latencyMs, undefined, signal ? { signal } : {});
  const error = behaviour.failWith?.(call);
  if (error !== undefined) throw error;
}
