/**
 * An extraction model over any Messages API client, shared by the `anthropic` and `bedrock`
 * providers: they differ only in how the client is built and how failures are explained.
 *
 * @module
 */
import type { Warning } from '../../spec/document.js';
import type {
  ExtractionModel,
  ExtractionRequest,
  ExtractionResponse,
  OutputMode,
} from '../../spec/extraction-model.js';
import { llmApiError, type StatusFixes } from '../api-errors.js';
import { clientSecrets, type MessagesClient } from './messages-client.js';
import { buildMessagesRequest } from './messages-request.js';
import { toExtractionResponse } from './messages-response.js';
import { claudeVersion, messagesOutputMode, planOutput, supportsStructuredOutput } from './output-mode.js';

/** The context window of a Claude model, in tokens: 1M from the 5 generation on, 200K before. */
function claudeContextTokens(modelId: string): number {
  return (claudeVersion(modelId)?.major ?? 0) >= 5 ? 1_000_000 : 200_000;
}

/** What makes a Messages API model one provider's. */
export interface MessagesModelOptions {
  /** The provider name, e.g. `anthropic`. */
  readonly provider: string;
  /** The service as error messages name it, e.g. `Amazon Bedrock`. */
  readonly service: string;
  readonly modelId: string;
  /** How answers are constrained; `json-object` is refused (the Messages API has no JSON mode). @default 'auto' */
  readonly outputMode?: OutputMode | undefined;
  /** Marks the system prompt cacheable. @default true */
  readonly promptCaching?: boolean | undefined;
  /** What to do about each non-retryable HTTP status. */
  readonly fixes: StatusFixes;
  /**
   * Builds the client; called once, on the first request, so that creating the model neither
   * imports the SDK nor needs credentials.
   */
  readonly connect: () => Promise<MessagesClient>;
  /** A provider's own reading of a failure the shared mapping would get wrong; `undefined` to use it. */
  readonly explainFailure?: (error: unknown) => Error | undefined;
}

/**
 * An {@link ExtractionModel} that calls the Messages API.
 *
 * @throws {ConfigError} when the configured output mode is not one the Messages API has
 */
export function createMessagesModel(options: MessagesModelOptions): ExtractionModel {
  const { provider, service, modelId, fixes } = options;
  const outputMode = messagesOutputMode(options.outputMode ?? 'auto', provider);
  const promptCaching = options.promptCaching ?? true;
  let client: Promise<MessagesClient> | undefined;

  const send = async (request: ExtractionRequest): Promise<ExtractionResponse> => {
    const output = planOutput(outputMode, modelId, request.jsonSchema);
    const body = buildMessagesRequest(request, { modelId, output, promptCaching });
    // Built once and reused; a failed build (a missing key) is tried again on the next request.
    client ??= options.connect().catch((error: unknown) => {
      client = undefined;
      throw error;
    });
    const connected = await client;
    const { signal } = request;
    let response: ExtractionResponse;
    try {
      response = toExtractionResponse(
        await connected.messages.create(body, signal ? { signal } : undefined),
        output,
      );
    } catch (error) {
      throw (
        options.explainFailure?.(error) ??
        llmApiError(provider, service, error, fixes, signal, clientSecrets(connected))
      );
    }
    // 0, the config's default, is what extraction wants anyway; another value deserves a word.
    return request.temperature === 0
      ? response
      : { ...response, warnings: [...response.warnings, temperatureIgnored(provider)] };
  };

  return {
    specificationVersion: 'v1',
    provider,
    modelId,
    capabilities: {
      structuredOutput:
        outputMode === 'auto' ? supportsStructuredOutput(modelId) : outputMode === 'json-schema',
      images: true,
      pdf: true,
      contextTokens: claudeContextTokens(modelId),
      promptCaching: true,
    },
    extract: send,
  };
}

function temperatureIgnored(provider: string): Warning {
  return {
    code: 'temperature-ignored',
    message: `The ${provider} provider does not send LLMExtractionConfig.temperature: the Messages API version it uses (2026-10-21) has no sampling parameters.`,
  };
}
