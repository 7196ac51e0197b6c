/**
 * The extraction stage: text (or the document itself) plus the schema in, validated data out.
 *
 * @module
 */
import {
  isOcrDocument,
  isParsedDocument,
  type LoadedDocument,
  type OcrDocument,
  type ParsedDocument,
} from '../document/model.js';
import { ConfigError, InputError, ProviderError, TruncatedOutputError, ValidationError } from '../errors.js';
import type { Extraction } from '../llm/extraction.js';
import type { ExtractionModel, ExtractionResponse } from '../llm/provider.js';
import { resolveExtractionModel } from '../llm/registry.js';
import { renderPlain } from '../parser/plain.js';
import type {
  AnyStage,
  PipelineEnvironment,
  PreparedStage,
  StageRunContext,
  StagesOutputting,
} from '../pipeline/stage.js';
import { addUsage, EMPTY_USAGE } from '../pipeline/usage.js';
import { formatIssue, type ResolvedSchema } from '../schema/index.js';
import { ConfiguredStage } from './configured-stage.js';
import { LLMExtractionConfig, type LLMExtractionConfigOptions } from './llm-extraction-config.js';

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
    const model = resolveExtractionModel(this.config);
    const extractor = new Extractor(
      model,
      this.config,
      schema,
      this.config.systemPrompt ?? environment.systemPrompt,
    );
    return {
      run: (context) => extractor.extract(context),
      ...(model.close ? { close: () => model.close?.() ?? Promise.resolve() } : {}),
    };
  }
}

/** One extraction stage's work for one document: build the request, call the model, validate. */
class Extractor {
  constructor(
    private readonly model: ExtractionModel,
    private readonly config: LLMExtractionConfig,
    private readonly schema: ResolvedSchema,
    private readonly system: string,
  ) {}

  async extract(context: StageRunContext): Promise<Extraction<unknown>> {
    const ocr = context.findUpstream(isOcrDocument);
    const text =
      context.findUpstream(isParsedDocument)?.text ?? (ocr ? renderPlain(ocr).text : context.document.text);
    const response = await this.model.extract({
      system: this.system,
      jsonSchema: this.schema.jsonSchema,
      ...(text === undefined ? { document: this.nativeDocument(context.document) } : { text }),
      ...(ocr ? { ocr } : {}),
      signal: context.signal,
      maxTokens: this.config.maxTokens,
      temperature: this.config.temperature,
    });
    const usage = addUsage(EMPTY_USAGE, { ...response.usage, calls: 1 });
    context.addUsage(usage);
    for (const warning of response.warnings) context.warn(warning);
    return {
      data: this.validated(response),
      fields: [],
      usage,
      model: `${this.model.provider}/${this.model.modelId}`,
      finishReason: response.finishReason,
      attempts: 1,
      warnings: response.warnings,
    };
  }

  /** The document itself, when the model can read it natively; there is no text to send. */
  private nativeDocument(document: LoadedDocument): LoadedDocument {
    const { capabilities, provider } = this.model;
    const readable = document.mediaType === 'application/pdf' ? capabilities.pdf : capabilities.images;
    if (!readable) {
      throw new InputError(
        `${document.name} is ${document.mediaType} and the ${provider} model cannot read it directly; add OCR and PARSER stages before extraction, or use a model that reads ${document.mediaType === 'application/pdf' ? 'PDFs' : 'images'}.`,
      );
    }
    return document;
  }

  private validated(response: ExtractionResponse): unknown {
    const { provider } = this.model;
    if (response.finishReason === 'length') {
      throw new TruncatedOutputError(
        `The ${provider} model stopped at maxTokens (${this.config.maxTokens}) before finishing its answer; raise LLMExtractionConfig.maxTokens.`,
        { raw: response.json },
      );
    }
    if (response.finishReason === 'refusal') {
      throw new ProviderError(`The ${provider} model refused to answer; check the document and the prompt.`, {
        provider,
      });
    }
    const result = this.schema.validate(response.json);
    if (result.success) return result.data;
    const summary = result.issues.slice(0, 3).map(formatIssue).join('; ');
    throw new ValidationError(
      `The ${provider} model's answer does not match the schema (${summary}); make the schema or the prompt clearer.`,
      { issues: result.issues, raw: response.json },
    );
  }
}
