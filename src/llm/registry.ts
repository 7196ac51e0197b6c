/**
 * The built-in extraction models by provider name.
 *
 * @module
 */
import { ProviderRegistry } from '../pipeline/provider-registry.js';
import type { ExtractorProvider } from '../stages/constants.js';
import type { LLMExtractionConfig } from '../stages/llm-extraction-config.js';
import { createAnthropicModel } from './anthropic/index.js';
import { createBedrockModel } from './bedrock/index.js';
import { createOpenAICompatibleModel } from './openai-compatible/index.js';
import type { ExtractionModel } from './provider.js';

const extractionModels = new ProviderRegistry<ExtractorProvider, ExtractionModel, LLMExtractionConfig>(
  {
    kind: 'Extraction provider',
    option: 'LLMExtractionConfig.provider',
    instead: 'Pass your own ExtractionModel as LLMExtractionConfig.provider.',
  },
  {
    anthropic: createAnthropicModel,
    bedrock: createBedrockModel,
    'openai-compatible': createOpenAICompatibleModel,
  },
);

/** The model an extraction config names. @throws {ConfigError} when that provider is not available */
export function resolveExtractionModel(config: LLMExtractionConfig): ExtractionModel {
  return extractionModels.resolve(config);
}
