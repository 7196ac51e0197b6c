/**
 * The `openai-compatible` extraction provider.
 *
 * @module
 */
export { createOpenAICompatibleModel } from './openai-compatible-model.js';
export { DEFAULT_OPENAI_MODEL, OPENAI_ENV, type OpenAICompatibleModelSettings } from './openai-settings.js';
