/**
 * The `anthropic` extraction provider: Claude through Anthropic's Messages API.
 *
 * @module
 */

import type { ExtractionModel } from '../../spec/extraction-model.js';
import type { StatusFixes } from '../api-errors.js';
import { anthropicApiKey, connectAnthropic, givenAnthropicKey } from './anthropic-client.js';
import type { AnthropicModelSettings } from './anthropic-settings.js';
import { createMessagesModel } from './messages-model.js';

/** The model used when the settings name none. */
export const DEFAULT_ANTHROPIC_MODEL = 'claude-sonnet-5-5';

const ANTHROPIC_FIXES: StatusFixes = {
  400: "Check LLMExtractionConfig.model and the schema; if the schema is what Anthropic rejected, set LLMExtractionConfig.outputMode to 'tool'.",
  401: 'Check the API key: set ANTHROPIC_API_KEY, or pass a valid AnthropicCredential.',
  403: "The API key may not use this model or feature; check the key's workspace and permissions in the Anthropic Console.",
  404: 'Check LLMExtractionConfig.model: Anthropic does not know this model id, or it is not available to this key.',
  413: 'The request is too large for Anthropic (32 MB at most); send fewer pages, or use stages [Stage.OCR, Stage.PARSER, Stage.LLM_EXTRACTION] so text is sent instead of the file.',
};

/**
 * An extraction model that calls Claude through Anthropic's Messages API (`@anthropic-ai/sdk`,
 * imported on the first request). The key is `settings.apiKey` (or the credential's), else
 * `ANTHROPIC_API_KEY`, which must be there when the model is created, so that a pipeline without one
 * fails before any document is read or any OCR is paid for. The base URL is `settings.baseURL`, else
 * `ANTHROPIC_BASE_URL`, else Anthropic's.
 *
 * The answer is constrained by native structured output or a forced tool call, by
 * `settings.outputMode`; `auto` uses structured output on models that have it (Claude 4.5 and later,
 * see `supportsStructuredOutput`). The system prompt is marked cacheable unless
 * `settings.promptCaching` is false. In a pipeline, `LLMExtractionConfig` options of the same names fill
 * the settings; call the model through a pipeline, which validates and repairs its answers.
 *
 * @example
 * ```ts
 * const claude = createAnthropicModel({ model: 'claude-haiku-4-5', headers: { 'x-team': 'billing' } });
 * const pipeline = linearPipeline({ jsonSchema, llm: new LLMExtractionConfig({ provider: claude }) });
 * ```
 * @throws {ConfigError} when the credential is not an AnthropicCredential, the output mode is `json-object`,
 * or there is no API key
 */
export function createAnthropicModel(settings: AnthropicModelSettings = {}): ExtractionModel {
  const givenKey = givenAnthropicKey(settings);
  const model = createMessagesModel({
    provider: 'anthropic',
    service: 'Anthropic',
    modelId: settings.model ?? DEFAULT_ANTHROPIC_MODEL,
    outputMode: settings.outputMode,
    promptCaching: settings.promptCaching,
    fixes: ANTHROPIC_FIXES,
    connect: () => connectAnthropic(settings, givenKey),
  });
  // After the checks of the settings' shape, which say more than a missing key does.
  anthropicApiKey(givenKey);
  return model;
}
