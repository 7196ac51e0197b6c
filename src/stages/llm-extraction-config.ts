/**
 * Configuration of an LLM extraction stage.
 *
 * @module
 */
import type { AnthropicCredential, BedrockCredential, OpenAICredential } from '../credentials.js';
import type { ModelPrice } from '../llm/pricing.js';
import { type ExtractionModel, OutputMode } from '../spec/extraction-model.js';
import {
  checkOptionKeys,
  invalidOption,
  type OptionName,
  oneOf,
  optionalBoolean,
  optionalEndpoint,
  optionalInteger,
  optionalNumberInRange,
  optionalString,
} from '../util/config-checks.js';
import { ExtractorProvider } from './constants.js';
import { isProviderInstance } from './provider-instance.js';
import { STAGE_OPTION_KEYS, StageConfig, type StageOptions } from './stage-options.js';

/** Options of {@link LLMExtractionConfig}. */
export interface LLMExtractionConfigOptions extends StageOptions {
  /** A built-in provider's name, or your own {@link ExtractionModel}. @default 'anthropic' */
  readonly provider?: ExtractorProvider | ExtractionModel;
  /** The model id, e.g. `claude-sonnet-5-5`. @default the provider's default model */
  readonly model?: string;
  /**
   * Sampling temperature; 0 gives the most repeatable extractions. Not sent by `anthropic` and
   * `bedrock`: their API version has no sampling parameters. @default 0
   */
  readonly temperature?: number;
  /** The most tokens the answer may have. @default 4096 */
  readonly maxTokens?: number;
  /** Instructions for this stage; they replace the pipeline's `systemPrompt`. @default the pipeline's */
  readonly systemPrompt?: string;
  /** API credentials. @default the provider's standard sources (`ANTHROPIC_API_KEY`, AWS chain, `OPENAI_API_KEY`) */
  readonly credential?: AnthropicCredential | BedrockCredential | OpenAICredential;
  /** The API's base URL; `http://` only for loopback hosts. @default the provider's (or `*_BASE_URL`) */
  readonly baseURL?: string;
  /** The cloud region, for Bedrock. @default `AWS_REGION`, then `AWS_DEFAULT_REGION` */
  readonly region?: string;
  /**
   * How the answer is constrained to the schema: `json-schema` (native structured output),
   * `tool` (a forced tool call whose input is the schema), `json-object` (JSON mode with the
   * schema in the prompt; OpenAI-compatible only), or `auto` (the best the model supports).
   * @default 'auto'
   */
  readonly outputMode?: OutputMode;
  /** Repair turns after an answer that is not JSON or not valid for the schema. @default 2 */
  readonly repairAttempts?: number;
  /** The model's context window in tokens; longer documents are extracted in chunks. @default the model's */
  readonly contextTokens?: number;
  /** The model's price, instead of docpipe's table ({@link LLM_PRICE_PER_MTOK}). @default the table's */
  readonly pricing?: ModelPrice;
  /** Mark the fixed prompt prefix (instructions and schema) cacheable, where the provider supports it. @default true */
  readonly promptCaching?: boolean;
  /** Match every extracted value to the OCR words and return `result.fields`. @default true */
  readonly grounding?: boolean;
  /**
   * The documents' locale (a BCP 47 tag such as `en-GB` or `en-US`), for what the document itself does not
   * settle: the order of day and month in a numeric date like `08/04/2018`. Read by the `heuristic`
   * extractor; a model reads the document itself. @default the document's own evidence only
   */
  readonly locale?: string;
}

const LLM_OPTION_KEYS = [
  'provider',
  'model',
  'temperature',
  'maxTokens',
  'systemPrompt',
  'credential',
  'baseURL',
  'region',
  'outputMode',
  'repairAttempts',
  'contextTokens',
  'pricing',
  'promptCaching',
  'grounding',
  'locale',
  ...STAGE_OPTION_KEYS,
] as const;

/**
 * Which model extracts the data, and how.
 *
 * @example
 * ```ts
 * new LLMExtractionConfig({ provider: ExtractorProvider.ANTHROPIC, model: 'claude-sonnet-5-5', maxTokens: 8000 });
 * ```
 */
export class LLMExtractionConfig extends StageConfig {
  readonly provider: ExtractorProvider | ExtractionModel;
  readonly model: string | undefined;
  readonly temperature: number;
  readonly maxTokens: number;
  readonly systemPrompt: string | undefined;
  readonly credential: AnthropicCredential | BedrockCredential | OpenAICredential | undefined;
  readonly baseURL: string | undefined;
  readonly region: string | undefined;
  readonly outputMode: OutputMode;
  readonly repairAttempts: number;
  readonly contextTokens: number | undefined;
  readonly pricing: ModelPrice | undefined;
  readonly promptCaching: boolean;
  readonly grounding: boolean;
  readonly locale: string | undefined;

  /** @throws {ConfigError} naming the option that is unknown or invalid */
  constructor(options: LLMExtractionConfigOptions = {}) {
    checkOptionKeys('LLMExtractionConfig', options, LLM_OPTION_KEYS);
    super('LLMExtractionConfig', options);
    const name = (option: string): OptionName => ({ config: 'LLMExtractionConfig', option });
    this.provider = isProviderInstance(options.provider, 'extract', name('provider'))
      ? options.provider
      : oneOf(
          name('provider'),
          options.provider ?? ExtractorProvider.ANTHROPIC,
          Object.values(ExtractorProvider),
        );
    this.model = optionalString(name('model'), options.model);
    this.temperature = optionalNumberInRange(name('temperature'), options.temperature, 0, 2) ?? 0;
    this.maxTokens = optionalInteger(name('maxTokens'), options.maxTokens, 1) ?? 4096;
    this.systemPrompt = optionalString(name('systemPrompt'), options.systemPrompt);
    this.credential = options.credential;
    this.baseURL = optionalEndpoint(name('baseURL'), options.baseURL);
    this.region = optionalString(name('region'), options.region);
    this.outputMode = oneOf(name('outputMode'), options.outputMode ?? 'auto', Object.values(OutputMode));
    this.repairAttempts = optionalInteger(name('repairAttempts'), options.repairAttempts, 0) ?? 2;
    this.contextTokens = optionalInteger(name('contextTokens'), options.contextTokens, 1);
    this.pricing = optionalPrice(name('pricing'), options.pricing);
    this.promptCaching = optionalBoolean(name('promptCaching'), options.promptCaching) ?? true;
    this.grounding = optionalBoolean(name('grounding'), options.grounding) ?? true;
    this.locale = optionalLocale(name('locale'), options.locale);
    Object.freeze(this);
  }
}

/** A BCP 47 locale tag, in its canonical form (`en-gb` → `en-GB`). */
function optionalLocale(option: OptionName, value: unknown): string | undefined {
  const locale = optionalString(option, value);
  if (locale === undefined) return undefined;
  try {
    return Intl.getCanonicalLocales(locale)[0];
  } catch {
    return invalidOption(option, 'a locale tag such as en-GB or en-US', locale);
  }
}

const PRICE_KEYS = ['inputPerMTok', 'outputPerMTok', 'cacheReadPerMTok', 'cacheWritePerMTok'] as const;

function optionalPrice(name: OptionName, value: unknown): ModelPrice | undefined {
  if (value === undefined) return undefined;
  const price = value as Partial<Record<(typeof PRICE_KEYS)[number], unknown>>;
  const valid =
    typeof value === 'object' &&
    value !== null &&
    Object.keys(value).every((key) => (PRICE_KEYS as readonly string[]).includes(key)) &&
    PRICE_KEYS.every((key) => {
      const perMTok = price[key];
      const required = key === 'inputPerMTok' || key === 'outputPerMTok';
      return (perMTok === undefined && !required) || (typeof perMTok === 'number' && perMTok >= 0);
    });
  if (!valid) {
    invalidOption(
      name,
      'US dollars per million tokens: { inputPerMTok, outputPerMTok, cacheReadPerMTok?, cacheWritePerMTok? }',
      value,
    );
  }
  return Object.freeze({ ...price }) as ModelPrice;
}
