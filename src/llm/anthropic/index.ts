/**
 * The `anthropic` extraction provider, and the Messages API plumbing the `bedrock` one shares.
 *
 * @module
 */
export { createAnthropicModel, DEFAULT_ANTHROPIC_MODEL } from './anthropic-model.js';
export type { AnthropicModelSettings } from './anthropic-settings.js';
export { supportsStructuredOutput } from './output-mode.js';
