/**
 * The `bedrock` extraction provider: Claude on Amazon Bedrock.
 *
 * @module
 */
export { createBedrockModel, DEFAULT_BEDROCK_MODEL } from './bedrock-model.js';
export type { BedrockModelSettings } from './bedrock-settings.js';
