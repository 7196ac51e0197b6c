/**
 * What the `anthropic` adapter is made from.
 *
 * @module
 */
import type { AnthropicCredential } from '../../credentials.js';
import type { OutputMode } from '../../spec/extraction-model.js';
import type { HttpClientSettings } from '../http-client-settings.js';

/** Settings of {@link createAnthropicModel}; `LLMExtractionConfig` options of the same names fill them in a pipeline. */
export interface AnthropicModelSettings extends HttpClientSettings {
  /** The model id. @default {@link DEFAULT_ANTHROPIC_MODEL} */
  readonly model?: string;
  /** The API key. @default `ANTHROPIC_API_KEY` */
  readonly apiKey?: string;
  /** The API key in a credential object that keeps it out of logs; used when `apiKey` is not set. */
  readonly credential?: AnthropicCredential;
  /**
   * How answers are constrained to the schema: `json-schema` (native structured output), `tool` (a forced tool
   * call), or `auto` (structured output where the model has it). @default 'auto'
   */
  readonly outputMode?: Exclude<OutputMode, 'json-object'>;
  /** Marks the system prompt (instructions and schema) cacheable. @default true */
  readonly promptCaching?: boolean;
}
