/**
 * The built-in extraction models by provider name, and the `LLMExtractionConfig` options each one reads.
 *
 * @module
 */
import { createAnthropicModel } from '../llm/anthropic/index.js';
import { createBedrockModel } from '../llm/bedrock/index.js';
import { createHeuristicModel } from '../llm/heuristic/index.js';
import { createOpenAICompatibleModel } from '../llm/openai-compatible/index.js';
import type { ExtractionModel } from '../spec/extraction-model.js';
import type { ExtractorProvider } from './constants.js';
import { LLMExtractionConfig } from './llm-extraction-config.js';
import { ProviderRegistry, type ResolvedProvider } from './provider-registry.js';

const HTTP_CLIENT = ['model', 'credential', 'baseURL', 'outputMode', 'timeoutMs'] as const;

const extractionModels = new ProviderRegistry<ExtractorProvider, ExtractionModel, LLMExtractionConfig>(
  'LLMExtractionConfig',
  {
    anthropic: { settings: [...HTTP_CLIENT, 'promptCaching'], create: createAnthropicModel },
    bedrock: { settings: [...HTTP_CLIENT, 'promptCaching', 'region'], create: createBedrockModel },
    heuristic: { settings: ['model', 'locale'], create: createHeuristicModel },
    'openai-compatible': { settings: HTTP_CLIENT, create: createOpenAICompatibleModel },
  },
  // Read by the extraction stage itself, whatever the model: the request, repairs, chunking, price, grounding.
  new Set([
    'provider',
    'systemPrompt',
    'maxTokens',
    'temperature',
    'repairAttempts',
    'contextTokens',
    'pricing',
    'grounding',
    'timeoutMs',
    'retry',
    'cache',
  ]),
  (provider) => new LLMExtractionConfig({ provider }),
);

/**
 * The model an extraction config names (made from the options it reads), or the one it holds, with a
 * `config-unused` warning for each option it leaves unread.
 *
 * @throws {ConfigError} when its settings or credentials are unusable
 */
export function resolveExtractionModel(config: LLMExtractionConfig): ResolvedProvider<ExtractionModel> {
  return extractionModels.resolve(config);
}
