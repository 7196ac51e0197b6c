/**
 * The `openai` SDK client, imported lazily and built once per model, behind one call that maps failures
 * into docpipe errors.
 *
 * @module
 */
import type { OpenAI } from 'openai';
import { llmApiError, type StatusFixes } from '../api-errors.js';
import type { ResolvedOpenAISettings } from './openai-settings.js';

/** The provider name errors and responses carry. */
export const OPENAI_COMPATIBLE_PROVIDER = 'openai-compatible';

/** Sends one non-streaming Chat Completions request. */
export type CreateChatCompletion = (
  body: OpenAI.Chat.ChatCompletionCreateParamsNonStreaming,
  signal: AbortSignal | undefined,
) => Promise<OpenAI.Chat.ChatCompletion>;

/** What to do about each non-retryable status. */
const OPENAI_FIXES: StatusFixes = {
  400: "Check that the endpoint supports the output mode (set LLMExtractionConfig.outputMode to 'json-object' or 'tool' for servers without structured outputs) and the model reads images if one was sent.",
  401: 'Check the API key: set OPENAI_API_KEY or pass LLMExtractionConfig.credential (an OpenAICredential) with a key this endpoint accepts.',
  403: "The key is not allowed to use this model or endpoint; check the key's project, organization and model permissions.",
  404: 'Check LLMExtractionConfig.model, and that LLMExtractionConfig.baseURL (or OPENAI_BASE_URL) ends with /v1, as most servers expect.',
  413: 'The request is too large for the endpoint; set a smaller LLMExtractionConfig.contextTokens so documents are sent in chunks, or send a smaller image.',
};

// Imported on first use, once per process, so that `import 'docpipe'` does not load the OpenAI SDK.
let sdk: Promise<typeof import('openai')> | undefined;

/**
 * A function that sends requests with a client for `settings`, created on its first call. The SDK's own
 * retries are off: docpipe's retry policy is the one that runs.
 */
export function createChatCompletions(settings: ResolvedOpenAISettings): CreateChatCompletion {
  let client: Promise<OpenAI> | undefined;
  const openClient = async () => {
    sdk ??= import('openai');
    const { OpenAI } = await sdk;
    return new OpenAI({
      apiKey: settings.apiKey,
      // Passed even when undefined, so the SDK does not read OPENAI_BASE_URL unchecked.
      baseURL: settings.baseURL ?? null,
      maxRetries: 0,
      ...(settings.timeoutMs === undefined ? {} : { timeout: settings.timeoutMs }),
      ...(settings.headers ? { defaultHeaders: { ...settings.headers } } : {}),
      ...(settings.fetch ? { fetch: settings.fetch } : {}),
    });
  };
  return async (body, signal) => {
    client ??= openClient();
    const openai = await client;
    try {
      return await openai.chat.completions.create(body, signal === undefined ? {} : { signal });
    } catch (error) {
      throw llmApiError(OPENAI_COMPATIBLE_PROVIDER, settings.service, error, OPENAI_FIXES, signal, [
        settings.apiKey,
      ]);
    }
  };
}
