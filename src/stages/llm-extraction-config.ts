/**
 * Configuration of an LLM extraction stage.
 *
 * @module
 */
import type { AnthropicCredential, BedrockCredential, OpenAICredential } from '../credentials.js';
import type { ExtractionModel } from '../llm/provider.js';
import {
  checkOptionKeys,
  type OptionName,
  oneOf,
  optionalEndpoint,
  optionalInteger,
  optionalNumberInRange,
  optionalString,
} from './config-checks.js';
import { ExtractorProvider } from './constants.js';
import { isProviderInstance } from './provider-instance.js';
import { STAGE_OPTION_KEYS, StageConfig, type StageOptions } from './stage-options.js';

/** Options of {@link LLMExtractionConfig}. */
export interface LLMExtractionConfigOptions extends StageOptions {
  /** A built-in provider's name, or your own {@link ExtractionModel}. @default 'anthropic' */
  readonly provider?: ExtractorProvider | ExtractionModel;
  /** The model id, e.g. `claude-sonnet-4-5`. @default the provider's default model */
  readonly model?: string;
  /** Sampling temperature; 0 gives the most repeatable extractions. @default 0 */
  readonly temperature?: number;
  /** The most tokens the answer may have. @default 4096 */
  readonly maxTokens?: number;
  /** Instructions for this stage; they replace the pipeline's `systemPrompt`. @default the pipeline's */
  readonly systemPrompt?: string;
  /** API credentials. @default the provider's standard sources (`ANTHROPIC_API_KEY`, AWS chain, `OPENAI_API_KEY`) */
  readonly credential?: AnthropicCredential | BedrockCredential | OpenAICredential;
  /** The API's base URL; `http://` only for loopback hosts. @default the provider's (or `*_BASE_URL`) */
  readonly baseURL?: string;
  /** The cloud region, for Bedrock. @default `AWS_REGION` */
  readonly region?: string;
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
  ...STAGE_OPTION_KEYS,
] as const;

/**
 * Which model extracts the data, and how.
 *
 * @example
 * ```ts
 * new LLMExtractionConfig({ provider: ExtractorProvider.ANTHROPIC, model: 'claude-sonnet-4-5', maxTokens: 8000 });
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
    Object.freeze(this);
  }
}
