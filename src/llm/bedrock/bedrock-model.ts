/**
 * The `bedrock` extraction provider: Claude on Amazon Bedrock, through the same Messages API
 * request and response mapping as the `anthropic` provider.
 *
 * @module
 */
import { ConfigError } from '../../spec/errors.js';
import type { ExtractionModel } from '../../spec/extraction-model.js';
import { createMessagesModel } from '../anthropic/messages-model.js';
import type { StatusFixes } from '../api-errors.js';
import { bedrockKeys, bedrockRegion, connectBedrock } from './bedrock-client.js';
import type { BedrockModelSettings } from './bedrock-settings.js';

/** The model used when the settings name none: the global cross-region inference profile of Claude Sonnet 5.5. */
export const DEFAULT_BEDROCK_MODEL = 'global.anthropic.claude-sonnet-5-5';

const BEDROCK_FIXES: StatusFixes = {
  400: "Check LLMExtractionConfig.model and the schema; if the schema is what Bedrock rejected, set LLMExtractionConfig.outputMode to 'tool'.",
  401: 'Check the AWS credentials (or AWS_BEARER_TOKEN_BEDROCK): Bedrock did not accept them.',
  403: 'Check the AWS credentials, that the IAM identity is allowed bedrock:InvokeModel on this model, and that access to the model is enabled in the Bedrock console for this region.',
  404: 'Check LLMExtractionConfig.model and the region: the model id or inference profile does not exist there (cross-region profiles start with us., eu., apac. or global.).',
  413: 'The request is too large for Bedrock; send fewer pages, or use stages [Stage.OCR, Stage.PARSER, Stage.LLM_EXTRACTION] so text is sent instead of the file.',
};

/**
 * An extraction model that calls Claude on Amazon Bedrock (`@anthropic-ai/bedrock-sdk`, imported on
 * the first request, which signs with SigV4). The region is `settings.region`, else `AWS_REGION`, else
 * `AWS_DEFAULT_REGION`; the keys are `settings.credential`'s, else the AWS default chain's; the base
 * URL is `settings.baseURL`, else `ANTHROPIC_BEDROCK_BASE_URL`, else the regional Bedrock runtime.
 * The region must be there when the model is created, so that a pipeline without one fails before
 * any document is read; the credentials, which the AWS chain may find in many places, are only looked
 * for at the first request.
 *
 * Requests are those of the `anthropic` provider: structured output (Bedrock's InvokeModel accepts
 * `output_config.format` for Claude 4.5 and later) or a forced tool call, and a cacheable system prompt.
 * In a pipeline, `LLMExtractionConfig` options of the same names fill the settings.
 *
 * @example
 * ```ts
 * const claude = createBedrockModel({ region: 'eu-west-1', model: 'eu.anthropic.claude-haiku-4-5-20251001-v1:0' });
 * const pipeline = linearPipeline({ jsonSchema, llm: new LLMExtractionConfig({ provider: claude }) });
 * ```
 * @throws {ConfigError} when the credential is not a BedrockCredential, the output mode is `json-object`, or
 * no region is set; missing AWS credentials are reported by the first `extract`
 */
export function createBedrockModel(settings: BedrockModelSettings = {}): ExtractionModel {
  const keys = bedrockKeys(settings);
  const model = createMessagesModel({
    provider: 'bedrock',
    service: 'Amazon Bedrock',
    modelId: settings.model ?? DEFAULT_BEDROCK_MODEL,
    outputMode: settings.outputMode,
    promptCaching: settings.promptCaching,
    fixes: BEDROCK_FIXES,
    connect: () => connectBedrock(settings, keys),
    explainFailure: missingCredentials,
  });
  // After the checks of the settings' shape, which say more than a missing region does.
  bedrockRegion(settings);
  return model;
}

/**
 * A ConfigError when the AWS default chain found no credentials at all: the SDK reports that as a
 * connection error, which would be retried in vain.
 */
function missingCredentials(error: unknown): Error | undefined {
  const cause = (error as { cause?: { name?: unknown; message?: unknown } } | undefined)?.cause;
  if (cause?.name !== 'CredentialsProviderError') return undefined;
  return new ConfigError(
    'No AWS credentials were found for Amazon Bedrock; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or AWS_PROFILE, or pass credential: new BedrockCredential({ accessKeyId, secretAccessKey }) to LLMExtractionConfig.',
    { option: 'LLMExtractionConfig.credential', cause: error },
  );
}
