/**
 * The `openai-compatible` extraction model: Chat Completions through the `openai` SDK, for OpenAI itself
 * and any server that speaks its API (OpenRouter, a LiteLLM proxy, Ollama, vLLM) by `baseURL`.
 *
 * @module
 */

import type { ExtractionModel } from '../../spec/extraction-model.js';
import { createChatCompletions, OPENAI_COMPATIBLE_PROVIDER } from './chat-client.js';
import { chatCompletionBody } from './chat-request.js';
import { openAIModelTraits } from './openai-models.js';
import { type OpenAICompatibleModelSettings, resolveOpenAISettings } from './openai-settings.js';
import { openAIStrictSchema } from './openai-strict-schema.js';
import { extractionResponse } from './read-completion.js';

/**
 * An extraction model on an OpenAI-compatible Chat Completions endpoint; the model is `settings.model`, else
 * `gpt-4.1-mini`. In a pipeline, `LLMExtractionConfig` options of the same names fill the settings.
 *
 * - Endpoint: `settings.baseURL`, else `OPENAI_BASE_URL`, else OpenAI. Key: `settings.apiKey` (or the
 *   credential's), else `OPENAI_API_KEY`; a server other than OpenAI's may run without one (Ollama, vLLM).
 * - Output: `json-schema` (`auto`) sends a strict `response_format`; servers without structured outputs
 *   need `outputMode: 'json-object'` (JSON mode, the schema in the system prompt) or `'tool'` (a forced
 *   strict function call). Strict mode makes optional properties nullable; the nulls are removed again
 *   before the answer is returned.
 * - Input: text, and PNG, JPEG, GIF or WebP images; PDFs only for OpenAI's gpt-4o, gpt-4.1 and gpt-5
 *   families (as `file` parts). Their context windows are known; other models assume 128,000 tokens
 *   unless `LLMExtractionConfig.contextTokens` says otherwise. Reasoning models (gpt-5) are sent no temperature.
 * - Usage: tokens only, with OpenAI's automatically cached prompt tokens as `cacheReadTokens`; the stage
 *   prices them.
 *
 * The SDK is imported on the first `extract`, not here.
 *
 * @example
 * ```ts
 * const llama = createOpenAICompatibleModel({ model: 'llama3.1', baseURL: 'http://localhost:11434/v1' });
 * const pipeline = linearPipeline({ jsonSchema, llm: new LLMExtractionConfig({ provider: llama }) });
 * ```
 * @throws {ConfigError} when no key is configured for OpenAI's own API, or the credential or
 * `OPENAI_BASE_URL` is invalid
 */
export function createOpenAICompatibleModel(given: OpenAICompatibleModelSettings = {}): ExtractionModel {
  const settings = resolveOpenAISettings(given);
  const traits = openAIModelTraits(settings.modelId);
  const createCompletion = createChatCompletions(settings);
  return {
    specificationVersion: 'v1',
    provider: OPENAI_COMPATIBLE_PROVIDER,
    modelId: settings.modelId,
    capabilities: {
      structuredOutput: settings.outputMode === 'json-schema',
      images: true,
      pdf: traits.pdf,
      contextTokens: traits.contextTokens,
      // OpenAI caches long prompt prefixes by itself; there is nothing to mark.
      promptCaching: false,
    },
    async extract(request) {
      const strict = openAIStrictSchema(request.jsonSchema);
      const body = chatCompletionBody(request, settings, traits, strict.schema);
      const completion = await createCompletion(body, request.signal);
      return extractionResponse(completion, settings.outputMode, strict);
    },
  };
}
