/**
 * The extraction stage: text (or the document itself) plus the schema in, validated data out.
 *
 * @module
 */

import { estimateTokens } from '../llm/chunks.js';
import { type ExtractionInput, extractDocument } from '../llm/extract-document.js';
import type { Extraction, GroundedField } from '../llm/extraction.js';
import { groundFields } from '../llm/grounding/index.js';
import { type ModelPrice, priceOf } from '../llm/pricing.js';
import { systemPrompt } from '../llm/prompt.js';
import { fillTemplate } from '../llm/template.js';
import { renderPlain } from '../parser/plain.js';
import type { ResolvedSchema } from '../schema/index.js';
import {
  isParsedDocument,
  type LoadedDocument,
  type OcrDocument,
  type ParsedDocument,
} from '../spec/document.js';
import { ConfigError, InputError } from '../spec/errors.js';
import type { ExtractionModel } from '../spec/extraction-model.js';
import { withFields } from '../util/with-fields.js';
import { ConfiguredStage } from './configured-stage.js';
import { resolveExtractionModel } from './extraction-models.js';
import { LLMExtractionConfig, type LLMExtractionConfigOptions } from './llm-extraction-config.js';
import type {
  AnyStage,
  PipelineEnvironment,
  PreparedStage,
  StageKind,
  StageRunContext,
  StagesOutputting,
} from './stage.js';
import { configFingerprint } from './stage-key.js';
import { upstreamOcrDocument } from './upstream-ocr.js';

const NO_VARIABLES = Object.freeze({});

const AFTER_HINT =
  'An LLMExtractionStage reads text: put it after a ParserStage, an OCRStage, or a custom stage that outputs a ParsedDocument or OcrDocument.';

/**
 * Extracts data matching the pipeline's schema with the configured model. Its output's `data`
 * is `result.data` when it is the pipeline's last extraction stage.
 *
 * @example
 * ```ts
 * const extract = new LLMExtractionStage(new LLMExtractionConfig({ provider: 'anthropic' })).after(parser);
 * ```
 */
export class LLMExtractionStage<Id extends string = 'llm-extraction'> extends ConfiguredStage<
  Id,
  Extraction<unknown>,
  LLMExtractionConfig,
  LLMExtractionConfigOptions
> {
  readonly kind = 'llm-extraction' as const;

  /** @throws {ConfigError} when the options are invalid */
  constructor(config?: LLMExtractionConfig | LLMExtractionConfigOptions) {
    super('llm-extraction' as Id, LLMExtractionConfig, config);
    Object.freeze(this);
  }

  /**
   * The OCR output upstream, which grounds each extracted value in its page (`result.fields`): an OCR stage's, or
   * where there is none, a custom stage's (when it outputs an `OcrDocument`).
   */
  override get reads(): readonly StageKind[] {
    return ['ocr', 'custom'];
  }

  /** A copy that runs after `stages`, which must output text: a `ParsedDocument` or an `OcrDocument`. */
  after<const U extends readonly AnyStage[]>(
    ...stages: StagesOutputting<
      U,
      ParsedDocument | OcrDocument | LoadedDocument,
      'An LLMExtractionStage can only come after a stage that outputs text (a ParserStage or an OCRStage)'
    >
  ): LLMExtractionStage<Id> {
    return this.withDependencies(stages, ['parser', 'ocr', 'custom'], AFTER_HINT);
  }

  /** @internal */
  prepare(environment: PipelineEnvironment): PreparedStage<Extraction<unknown>> {
    const { schema } = environment;
    if (!schema) {
      throw new ConfigError(
        `LLMExtractionStage '${this.id}' needs a schema: pass jsonSchema to the pipeline (a zod schema or a JSON Schema object).`,
        { option: 'jsonSchema' },
      );
    }
    const { provider: model, warnings } = resolveExtractionModel(this.config);
    const instructions = this.config.systemPrompt ?? environment.systemPrompt;
    const extractor = new Extractor(model, this.config, schema, instructions);
    const identity = {
      provider: model.provider,
      modelId: model.modelId,
      config: configFingerprint(this.config),
      schema: schema.jsonSchema,
      instructions,
    };
    // Frozen, so that its text in cache keys is written once per pipeline rather than once per document.
    const identityWithoutVariables = Object.freeze({ ...identity, variables: NO_VARIABLES });
    return {
      warnings,
      // The item's variables fill the prompt, so they are part of what decides the answer.
      cacheIdentity: (context) =>
        Object.keys(context.variables).length === 0
          ? identityWithoutVariables
          : withFields(identity, { variables: context.variables }),
      run: (context) => extractor.extract(context),
      ...(model.close ? { close: () => model.close?.() ?? Promise.resolve() } : {}),
    };
  }
}

/** A system prompt, the instructions it was made from, and its size by estimate. */
interface SystemPrompt {
  readonly instructions: string;
  readonly system: string;
  readonly systemTokens: number;
}

/** One extraction stage's work for one document: its input, the model's validated answer, grounding. */
class Extractor {
  private readonly price: ModelPrice | undefined;
  private lastSystem: SystemPrompt | undefined;

  constructor(
    private readonly model: ExtractionModel,
    private readonly config: LLMExtractionConfig,
    private readonly schema: ResolvedSchema,
    private readonly instructions: string,
  ) {
    this.price = priceOf(model.modelId, config.pricing);
  }

  async extract(context: StageRunContext): Promise<Extraction<unknown>> {
    const { model, config } = this;
    const ocr = upstreamOcrDocument(context);
    const { system, systemTokens } = this.systemFor(context.variables);
    const extraction = await extractDocument(
      model,
      {
        system,
        systemTokens,
        schema: this.schema,
        maxTokens: config.maxTokens,
        temperature: config.temperature,
        repairAttempts: config.repairAttempts,
        contextTokens: config.contextTokens ?? model.capabilities.contextTokens,
        price: this.price,
      },
      this.input(context, ocr),
      {
        signal: context.signal,
        onUsage: (usage) => context.addUsage(usage),
        gate: (request, call, tokens) => context.callProviderOnce(model.provider, request, call, { tokens }),
      },
    );
    for (const warning of extraction.warnings) context.warn(warning);
    return {
      data: extraction.data,
      fields:
        config.grounding && ocr
          ? withConfidence(groundFields(extraction.data, ocr), extraction.confidence)
          : [],
      usage: extraction.usage,
      model: `${model.provider}/${model.modelId}`,
      finishReason: extraction.finishReason,
      attempts: extraction.calls,
      prompt: { system, user: extraction.userPrompts },
      warnings: extraction.warnings,
      // Kept as the stage's output, cached and stored like any answer: paid for once, whatever the pipeline does with it.
      ...(extraction.incomplete ? { incomplete: extraction.incomplete } : {}),
    };
  }

  /**
   * The system prompt the item's variables make, and its size: the document before's when they fill the
   * instructions alike (always, without variables), so neither is made again for each document.
   */
  private systemFor(variables: Readonly<Record<string, string>>): SystemPrompt {
    const instructions = fillTemplate(this.instructions, variables);
    if (instructions !== this.lastSystem?.instructions) {
      const system = systemPrompt(instructions);
      this.lastSystem = { instructions, system, systemTokens: estimateTokens(system) };
    }
    return this.lastSystem;
  }

  /** The document's text by page (parsed upstream, else OCR's lines, else the text given), or the document itself. */
  private input(context: StageRunContext, ocr: OcrDocument | undefined): ExtractionInput {
    const pages = context.findInput(isParsedDocument)?.pages ?? (ocr ? renderPlain(ocr).pages : undefined);
    if (pages) {
      const parts = pages.map((page) => ({ text: page.text, pageNumber: page.pageNumber }));
      return ocr ? { parts, ocr } : { parts };
    }
    const { text } = context.document;
    return text === undefined ? { document: this.nativeDocument(context.document) } : { parts: [{ text }] };
  }

  /** The document itself, when the model can read it natively; there is no text to send. */
  private nativeDocument(document: LoadedDocument): LoadedDocument {
    const { capabilities, provider } = this.model;
    const readable = document.mediaType === 'application/pdf' ? capabilities.pdf : capabilities.images;
    if (!readable) {
      throw new InputError(
        `${document.name} is ${document.mediaType} and the ${provider} model cannot read it directly; use stages [Stage.OCR, Stage.PARSER, Stage.LLM_EXTRACTION], or use a model that reads ${document.mediaType === 'application/pdf' ? 'PDFs' : 'images'}.`,
      );
    }
    return document;
  }
}

/** The extractor's own confidence added to each grounded field that has one. */
function withConfidence(
  fields: readonly GroundedField[],
  confidence: Readonly<Record<string, number>>,
): GroundedField[] {
  return fields.map((field) => {
    const sure = confidence[field.path];
    return sure === undefined ? field : withFields(field, { confidence: sure });
  });
}
