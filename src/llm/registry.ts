/**
 * The built-in extraction models by provider name.
 *
 * @module
 */
import { ProviderRegistry } from '../pipeline/provider-registry.js';
import type { ExtractionModel } from '../spec/extraction-model.js';
import type { ExtractorProvider } from '../stages/constants.js';
import type { LLMExtractionConfig } from '../stages/llm-extraction-config.js';
import { createAnthropicModel } from './anthropic/index.js';
import { createBedrockModel } from './bedrock/index.js';
import { createHeuristicModel } from './heuristic/index.js';
import { createOpenAICompatibleModel } from './openai-compatible/index.js';

const extractionModels = new ProviderRegistry<ExtractorProvider, ExtractionModel, LLMExtractionConfig>({
  anthropic: createAnthropicModel,
  bedrock: createBedrockModel,
  heuristic: createHeuristicModel,
  'openai-compatible': createOpenAICompatibleModel,
});

/** The model an extraction config names (or holds). @throws {ConfigError} when its settings or credentials are unusable */
export function resolveExtractionModel(config: LLMExtractionConfig): ExtractionModel {
  return extractionModels.resolve(config);
}
