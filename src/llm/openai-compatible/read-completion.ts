/**
 * A Chat Completions answer as an {@link ExtractionResponse}.
 *
 * @module
 */
import type { OpenAI } from 'openai';
import type { Warning } from '../../spec/document.js';
import type { ExtractionResponse, FinishReason } from '../../spec/extraction-model.js';
import type { Usage } from '../../spec/usage.js';
import { restoredAnswer, type StrictSchema } from '../strict-schema.js';
import type { OpenAIOutputMode } from './openai-settings.js';

type ChatCompletion = OpenAI.Chat.ChatCompletion;

// A forced tool call ends with 'stop' on OpenAI and 'tool_calls' on some compatible servers.
const FINISH_REASONS: Readonly<Record<string, FinishReason>> = {
  stop: 'stop',
  tool_calls: 'stop',
  function_call: 'stop',
  length: 'length',
  content_filter: 'refusal',
};

/**
 * The response for `completion`: the answer as text, and parsed and restored to the original schema's shape
 * when it came through strict decoding (`json-schema` and `tool` modes). A `json-object` answer is left for
 * the stage to parse, as is any answer that is not valid JSON.
 */
export function extractionResponse(
  completion: ChatCompletion,
  outputMode: OpenAIOutputMode,
  strict: StrictSchema,
): ExtractionResponse {
  const usage = tokenUsage(completion.usage);
  const choice = completion.choices[0];
  if (choice === undefined) {
    const warning = { code: 'empty-answer', message: 'The endpoint answered without a message.' };
    return { json: undefined, finishReason: 'error', usage, raw: completion, warnings: [warning] };
  }
  const { message } = choice;
  if (message.refusal) {
    const warning = { code: 'model-refusal', message: `The model refused to answer: ${message.refusal}` };
    return {
      json: undefined,
      text: message.refusal,
      finishReason: 'refusal',
      usage,
      raw: completion,
      warnings: [warning],
    };
  }
  const finishReason = FINISH_REASONS[choice.finish_reason ?? 'stop'] ?? 'stop';
  const warnings: Warning[] =
    choice.finish_reason === 'content_filter'
      ? [{ code: 'content-filter', message: "The endpoint's content filter stopped the answer." }]
      : [];
  const text = answerText(message, outputMode);
  const decoded = text !== undefined && finishReason === 'stop' && outputMode !== 'json-object';
  return {
    json: decoded ? restoredAnswer(text, strict) : undefined,
    ...(text === undefined ? {} : { text }),
    finishReason,
    usage,
    raw: completion,
    warnings,
  };
}

/** The answer as the model wrote it: the forced tool call's arguments in `tool` mode, else the content. */
function answerText(message: ChatCompletion['choices'][number]['message'], outputMode: OpenAIOutputMode) {
  const call = message.tool_calls?.find((toolCall) => toolCall.type === 'function');
  if (outputMode === 'tool' && call?.type === 'function') return call.function.arguments;
  return message.content ?? undefined;
}

/** OpenAI counts cached tokens inside `prompt_tokens`; docpipe's `inputTokens` are the uncached ones. */
function tokenUsage(usage: ChatCompletion['usage']): Partial<Usage> {
  if (usage === undefined) return {};
  const cached = usage.prompt_tokens_details?.cached_tokens ?? 0;
  return {
    inputTokens: Math.max(0, usage.prompt_tokens - cached),
    outputTokens: usage.completion_tokens,
    cacheReadTokens: cached,
    cacheWriteTokens: 0,
  };
}
