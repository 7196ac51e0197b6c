/**
 * One document's extraction: the requests a model gets, the repair turns after an unusable
 * answer, chunks for a document longer than the model can read or answer at once, the merge of
 * the chunks' answers, and the usage and cost of every call.
 *
 * @module
 */

import { formatIssue, type ResolvedSchema } from '../schema/index.js';
import type { LoadedDocument, OcrDocument, Warning } from '../spec/document.js';
import { ConfigError, InputError, ProviderError, TruncatedOutputError } from '../spec/errors.js';
import type {
  ExtractionModel,
  ExtractionRequest,
  ExtractionResponse,
  FinishReason,
  RepairTurn,
} from '../spec/extraction-model.js';
import { addUsage, EMPTY_USAGE, type Usage } from '../spec/usage.js';
import { withFields } from '../util/with-fields.js';
import { parseAnswer } from './answer.js';
import {
  type Chunk,
  chunkPages,
  chunksWithin,
  chunkText,
  estimateTokens,
  halve,
  type TextPart,
} from './chunks.js';
import type { IncompleteExtraction } from './extraction.js';
import { mergeAnswers } from './merge.js';
import { partialAnswer } from './partial-answer.js';
import { type ModelPrice, tokenCost } from './pricing.js';
import { attachedDocumentPrompt, describePages, userPrompt } from './prompt.js';

/** How a document is extracted; fixed for a stage. */
export interface ExtractionSettings {
  readonly system: string;
  /** The system prompt's size by {@link estimateTokens}, counted once by the stage that keeps the prompt. */
  readonly systemTokens: number;
  readonly schema: ResolvedSchema;
  readonly maxTokens: number;
  readonly temperature: number;
  readonly repairAttempts: number;
  /** The model's context window; `capabilities.contextTokens` when not overridden. */
  readonly contextTokens: number;
  /** The model's price (from `priceOf`); `undefined` when unknown, which counts as $0 with a warning. */
  readonly price: ModelPrice | undefined;
}

/** What the document offers the model: its text by page, or the document itself. */
export type ExtractionInput =
  | {
      readonly parts: readonly TextPart[];
      /** The OCR output the text came from, for models that read layout (the heuristic extractor). */
      readonly ocr?: OcrDocument;
      readonly document?: undefined;
    }
  | { readonly parts?: undefined; readonly ocr?: undefined; readonly document: LoadedDocument };

/** The merged, validated answer and what it took; or, with `incomplete`, the best answer the schema rejected. */
export interface DocumentExtraction {
  /** The data as the schema parsed it; with `incomplete`, the answer with each value at fault `null`. */
  readonly data: unknown;
  /** The answer as the schema received it (before zod transforms). */
  readonly answer: unknown;
  readonly usage: Usage;
  readonly calls: number;
  /** The first user turn of each request, in order. */
  readonly userPrompts: readonly string[];
  /** The model's confidence per value (JSON Pointer), when it gave one and the answer is not merged from chunks. */
  readonly confidence: Readonly<Record<string, number>>;
  readonly finishReason: FinishReason;
  readonly warnings: readonly Omit<Warning, 'stageId'>[];
  /** Set when no answer satisfied the schema after the repairs the model allows. */
  readonly incomplete?: IncompleteExtraction;
}

/** Reports each call's usage as it happens, so a failed document still accounts for what it spent. */
export type UsageListener = (usage: Partial<Usage>) => void;

/**
 * Runs a model call when the rate limits allow (`tokens` is its estimated size), or gives the answer an identical
 * `request` (its content as JSON) had in an earlier attempt at the document, `reused`: then nothing is paid now.
 */
export type CallGate = (
  request: unknown,
  call: () => Promise<ExtractionResponse>,
  tokens: number,
) => Promise<{ readonly answer: ExtractionResponse; readonly reused: boolean }>;

/** How {@link extractDocument} reports and paces its calls. */
export interface ExtractionHooks {
  readonly signal?: AbortSignal;
  /** Reports what each call spent now: a reused answer spent nothing. */
  readonly onUsage: UsageListener;
  /** @default calls go straight out */
  readonly gate?: CallGate;
}

// Room for the request's framing (roles, tags, the task sentence) the estimate does not see.
const FRAMING_TOKENS = 500;
// Below this a chunk holds too little text to be worth a request.
const MIN_CHUNK_TOKENS = 256;

/**
 * Extracts one document with `model`. An answer that stays invalid after the repair turns is no error here: the
 * result is `incomplete`, with what was found, and the caller decides.
 *
 * @throws {InputError} when no page of the document was read, so there is no text
 * @throws {TruncatedOutputError} when a single line's answer does not fit `maxTokens`
 * @throws {ProviderError} when the model refuses, or a call fails
 */
export async function extractDocument(
  model: ExtractionModel,
  settings: ExtractionSettings,
  input: ExtractionInput,
  hooks: ExtractionHooks,
): Promise<DocumentExtraction> {
  return new DocumentExtractor(model, settings, hooks, input.ocr).extract(input);
}

interface ChunkAnswer {
  readonly answer: unknown;
  /** The answer as the schema parsed it; absent for a truncated or invalid answer. */
  readonly data?: unknown;
  /** Why the answer is unusable once the repairs the model allows are spent, and what it found. */
  readonly invalid?: InvalidAnswer;
  readonly confidence?: Readonly<Record<string, number>>;
  readonly finishReason: FinishReason;
}

/** An answer the schema rejects: why, and the answer with each value at fault `null`. */
interface InvalidAnswer {
  readonly incomplete: IncompleteExtraction;
  readonly data: unknown;
}

class DocumentExtractor {
  #usage: Usage = EMPTY_USAGE;
  #calls = 0;
  readonly #userPrompts: string[] = [];
  readonly #warnings: Omit<Warning, 'stageId'>[] = [];

  constructor(
    private readonly model: ExtractionModel,
    private readonly settings: ExtractionSettings,
    private readonly hooks: ExtractionHooks,
    private readonly ocr: OcrDocument | undefined,
  ) {}

  async extract(input: ExtractionInput): Promise<DocumentExtraction> {
    if (input.parts?.length === 0) {
      throw new InputError(
        'No page of the document was read (OCRConfig.pages selects none of its pages), so there is nothing to extract from; choose pages the document has.',
      );
    }
    const answers = input.document
      ? [await this.#answerAttached(input.document)]
      : await this.#answerChunks(this.#chunked(input.parts));
    const [only] = answers;
    const { answer, data, invalid } = only && answers.length === 1 ? only : this.#merged(answers);
    return {
      data: invalid ? invalid.data : data,
      answer,
      ...(invalid ? { incomplete: invalid.incomplete } : {}),
      usage: this.#usage,
      calls: this.#calls,
      userPrompts: this.#userPrompts,
      // Paths into one chunk's answer do not survive a merge; only a whole answer keeps them.
      confidence: (answers.length === 1 && only?.confidence) || {},
      finishReason: 'stop',
      warnings: this.#warnings,
    };
  }

  /** The text budget of one request: the context window less the answer, the prompt and the schema. */
  #chunkBudget(): number {
    const { contextTokens, maxTokens, systemTokens, schema } = this.settings;
    const budget = contextTokens - maxTokens - systemTokens - schemaTokens(schema) - FRAMING_TOKENS;
    if (budget < MIN_CHUNK_TOKENS) {
      throw new ConfigError(
        `The model's context of ${contextTokens} tokens leaves no room for the document after maxTokens (${maxTokens}), the prompt and the schema; lower LLMExtractionConfig.maxTokens or raise LLMExtractionConfig.contextTokens.`,
        { option: 'LLMExtractionConfig.maxTokens' },
      );
    }
    return budget;
  }

  /** The document's text in chunks within the budget, with a warning for each way it had to be cut. */
  #chunked(parts: readonly TextPart[]): readonly Chunk[] {
    const budget = this.#chunkBudget();
    const { chunks, linesCut, longestLineCut } = chunksWithin(parts, budget);
    const fits = `the ${budget} tokens of text one ${this.model.provider} request can take`;
    if (chunks.length > 1) {
      this.#warnings.push({
        code: 'document-split',
        message: `The document is longer than ${fits}, so it was extracted in ${chunks.length} parts and their answers merged; a model with a larger context window reads it whole.`,
      });
    }
    if (linesCut > 0) {
      this.#warnings.push({
        code: 'line-cut',
        message: `Lines longer than ${fits} were cut inside (${linesCut} of them, the longest ${longestLineCut} characters), so a value across a cut may be missed or split; check the text the OCR and parser stages made of the document.`,
      });
    }
    return chunks;
  }

  async #answerChunks(chunks: readonly Chunk[]): Promise<ChunkAnswer[]> {
    const answers: ChunkAnswer[] = [];
    // One at a time: the chunks of one document share the provider's rate limit with other documents.
    for (const chunk of chunks) answers.push(...(await this.#answerChunk(chunk, chunks.length === 1)));
    return answers;
  }

  /** A chunk's answer; when it stops at the token limit, the answers of its two halves. */
  async #answerChunk(chunk: Chunk, whole: boolean): Promise<ChunkAnswer[]> {
    const text = chunkText(chunk);
    const prompt = userPrompt({ text, ...(whole ? {} : { part: { pages: chunkPages(chunk) } }) });
    const answer = await this.#answer({ prompt, text });
    if (answer.finishReason !== 'length') return [answer];
    const halves = halve(chunk);
    if (!halves) {
      throw new TruncatedOutputError(
        `The ${this.model.provider} model's answer for a single line of the document did not fit maxTokens (${this.settings.maxTokens}); raise LLMExtractionConfig.maxTokens.`,
        { raw: answer.answer },
      );
    }
    this.#warnings.push({
      code: 'answer-split',
      message: `The answer for ${describeChunk(chunk)} stopped at maxTokens (${this.settings.maxTokens}); that part was extracted again in two halves and merged.`,
    });
    const [first, second] = halves;
    return [...(await this.#answerChunk(first, false)), ...(await this.#answerChunk(second, false))];
  }

  async #answerAttached(document: LoadedDocument): Promise<ChunkAnswer> {
    const answer = await this.#answer({ prompt: attachedDocumentPrompt(), document });
    if (answer.finishReason === 'length') {
      throw new TruncatedOutputError(
        `The ${this.model.provider} model stopped at maxTokens (${this.settings.maxTokens}) before finishing its answer for ${document.name}; raise LLMExtractionConfig.maxTokens, or use stages [Stage.OCR, Stage.PARSER, Stage.LLM_EXTRACTION] so long documents are extracted in chunks.`,
        { raw: answer.answer },
      );
    }
    return answer;
  }

  /**
   * The model's usable answer to one request: JSON that the schema accepts, after up to
   * `repairAttempts` repair turns. A truncated answer is returned as it is, for the caller to split.
   */
  async #answer(content: Pick<ExtractionRequest, 'prompt' | 'text' | 'document'>): Promise<ChunkAnswer> {
    const repairs: RepairTurn[] = [];
    this.#userPrompts.push(content.prompt);
    for (;;) {
      const response = await this.#call({ ...content, ...(repairs.length ? { repairs: [...repairs] } : {}) });
      if (response.finishReason === 'refusal') {
        throw new ProviderError(
          `The ${this.model.provider} model declined to extract this document${response.text ? ` ("${response.text.slice(0, 200)}")` : ''}; check the document and the prompt.`,
          { provider: this.model.provider, retryable: false },
        );
      }
      if (response.finishReason === 'length')
        return { answer: response.json ?? response.text, finishReason: 'length' };
      const parsed =
        response.json !== undefined
          ? { ok: true as const, value: response.json }
          : parseAnswer(response.text ?? '');
      const validated = parsed.ok ? this.settings.schema.validate(parsed.value) : undefined;
      if (parsed.ok && validated?.success) {
        return {
          answer: parsed.value,
          data: validated.data,
          finishReason: response.finishReason,
          ...(response.confidence ? { confidence: response.confidence } : {}),
        };
      }
      const problems = validated?.success === false ? validated.issues.slice(0, 10).map(formatIssue) : [];
      if (!parsed.ok) problems.push(parsed.problem);
      const raw = parsed.ok ? parsed.value : response.text;
      if (repairs.length >= this.#repairTurns) {
        const confidence = response.confidence ?? {};
        return { answer: raw, finishReason: 'stop', invalid: this.#invalid(raw, problems), confidence };
      }
      repairs.push({
        answer: response.text ?? JSON.stringify(response.json),
        problem: `Your answer cannot be used: ${problems.join('; ')}. Answer again with the complete JSON value only, valid for the schema.`,
      });
    }
  }

  /** The call's cost: the model's own figure, else the price table's; $0 with one warning when neither is known. */
  #costOf(usage: Partial<Usage>): number {
    if (usage.costUsd !== undefined) return usage.costUsd;
    if (this.settings.price) return tokenCost(usage, this.settings.price);
    if (!this.#warnings.some((warning) => warning.code === 'unknown-price')) {
      const { provider, modelId } = this.model;
      this.#warnings.push({
        code: 'unknown-price',
        message: `docpipe has no price for ${provider}/${modelId}, so its cost counts as $0; pass LLMExtractionConfig.pricing.`,
      });
    }
    return 0;
  }

  async #call(
    content: Pick<ExtractionRequest, 'prompt' | 'text' | 'document' | 'repairs'>,
  ): Promise<ExtractionResponse> {
    const { system, schema, maxTokens, temperature } = this.settings;
    const { signal, gate } = this.hooks;
    const request: ExtractionRequest = {
      system,
      jsonSchema: schema.jsonSchema,
      ...content,
      ...(this.ocr ? { ocr: this.ocr } : {}),
      maxTokens,
      temperature,
      ...(signal ? { signal } : {}),
    };
    const call = () => this.model.extract(request);
    const { answer: response, reused } = gate
      ? await gate(requestIdentity(request), call, estimatedTokens(request, this.settings.systemTokens))
      : { answer: await call(), reused: false };
    const usage = withFields(response.usage, { calls: 1, costUsd: this.#costOf(response.usage) });
    // The extraction's own usage counts every answer it is made of, as an uninterrupted run's does.
    this.#usage = addUsage(this.#usage, usage);
    this.#calls += 1;
    if (!reused) this.hooks.onUsage(usage);
    this.#warnings.push(...response.warnings);
    return response;
  }

  /**
   * The chunks' answers merged, and validated again. A part whose answer stayed invalid gives what it found:
   * another part may hold the value it lacked. When the merge is still invalid, the error says why.
   */
  #merged(answers: readonly ChunkAnswer[]): Omit<ChunkAnswer, 'finishReason'> {
    const merged = mergeAnswers(answers.map((a) => (a.invalid ? a.invalid.data : a.answer)));
    this.#warnings.push(...merged.warnings);
    const validated = this.settings.schema.validate(merged.value);
    if (validated.success) return { answer: merged.value, data: validated.data };
    const { data, missing } = partialAnswer(merged.value, validated.issues);
    const message =
      answers.find((a) => a.invalid)?.invalid?.incomplete.message ??
      `The answers for the ${answers.length} parts of the document are each valid, but merged they are not (${validated.issues.slice(0, 3).map(formatIssue).join('; ')}); relax the schema's array or uniqueness constraints, or raise LLMExtractionConfig.contextTokens so the document fits one request.`;
    return {
      answer: merged.value,
      invalid: { data, incomplete: { message, issues: validated.issues, answer: merged.value, missing } },
    };
  }

  /** Repair turns the model gets: none for one that cannot use them (the heuristic answers the same again). */
  get #repairTurns(): number {
    return this.model.capabilities.repairable === false ? 0 : this.settings.repairAttempts;
  }

  /** Why an answer that stays invalid is unusable, and what it found. */
  #invalid(raw: unknown, problems: readonly string[]): InvalidAnswer {
    const result = this.settings.schema.validate(raw);
    const issues = result.success ? [] : result.issues;
    const { data, missing } = partialAnswer(raw, issues);
    const { provider } = this.model;
    const listed = problems.slice(0, 3).join('; ');
    const message =
      this.model.capabilities.repairable === false
        ? `The ${provider} extractor's answer does not satisfy the schema (${listed}); give ${missing.length === 1 ? 'that field' : 'those fields'} a description or x-aliases naming the label the document prints, or make ${missing.length === 1 ? 'it' : 'them'} nullable.`
        : `The ${provider} model's answer is still unusable after ${this.#repairTurns} repair turn${this.#repairTurns === 1 ? '' : 's'} (${listed}); make the schema or the prompt clearer, or raise LLMExtractionConfig.repairAttempts.`;
    return { data, incomplete: { message, issues, answer: raw, missing } };
  }
}

function describeChunk(chunk: Chunk): string {
  const pages = chunkPages(chunk);
  return pages.length === 0 ? 'a part of the document' : describePages(pages);
}

/**
 * What identifies a request's answer, as JSON: everything sent but the document's bytes and its OCR output, which
 * the document and the stage's inputs (part of the key's scope) already fix.
 */
function requestIdentity(request: ExtractionRequest): unknown {
  const { system, jsonSchema, prompt, text, repairs, maxTokens, temperature } = request;
  return { system, jsonSchema, prompt, text, repairs, maxTokens, temperature };
}

/**
 * A request's size for tokens-per-minute limits: its text by estimate (`systemTokens` for its system prompt), and
 * the longest answer it allows.
 */
function estimatedTokens(request: ExtractionRequest, systemTokens: number): number {
  const turns = (request.repairs ?? []).map((turn) => turn.answer + turn.problem);
  return systemTokens + estimateTokens([request.prompt, ...turns].join('')) + request.maxTokens;
}

// The schema is the same for every document of a stage: its size is estimated once.
const schemaSizes = new WeakMap<ResolvedSchema, number>();

function schemaTokens(schema: ResolvedSchema): number {
  let tokens = schemaSizes.get(schema);
  if (tokens === undefined) {
    tokens = estimateTokens(JSON.stringify(schema.jsonSchema));
    schemaSizes.set(schema, tokens);
  }
  return tokens;
}
