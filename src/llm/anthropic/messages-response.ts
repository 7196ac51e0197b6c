/**
 * A Messages API answer as an extraction response: the answer (a tool call's input, or text for the
 * stage to parse), why the model stopped, and the tokens it used.
 *
 * @module
 */
import type { Message, Usage as MessageUsage, StopReason } from '@anthropic-ai/sdk/resources/messages';
import type { Warning } from '../../spec/document.js';
import type { ExtractionResponse, FinishReason } from '../../spec/extraction-model.js';
import type { Usage } from '../../spec/usage.js';
import { restoredAnswer } from '../strict-schema.js';
import { EXTRACT_TOOL_NAME } from './messages-request.js';
import type { OutputPlan } from './output-mode.js';

const FINISH_REASONS: Readonly<Partial<Record<StopReason, FinishReason>>> = {
  end_turn: 'stop',
  tool_use: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  model_context_window_exceeded: 'length',
  refusal: 'refusal',
};

/**
 * The extraction response for `message`, answered to a request sent as `output` plans: the answer parsed and
 * restored to the original schema's shape when it came through constrained decoding and was complete. Any
 * other answer is left as text for the stage to parse (and repair).
 */
export function toExtractionResponse(message: Message, output: OutputPlan): ExtractionResponse {
  const toolCall =
    output.mode === 'tool'
      ? message.content.find((block) => block.type === 'tool_use' && block.name === EXTRACT_TOOL_NAME)
      : undefined;
  const finishReason = (message.stop_reason && FINISH_REASONS[message.stop_reason]) ?? 'error';
  const warnings: Warning[] =
    finishReason === 'error'
      ? [
          {
            code: 'unexpected-stop-reason',
            message: `The model stopped for a reason docpipe does not expect (${message.stop_reason ?? 'none'}).`,
          },
        ]
      : [];
  const usage = usageOf(message.usage);
  if (toolCall?.type === 'tool_use') {
    const text = JSON.stringify(toolCall.input);
    return { json: output.restore(toolCall.input), text, finishReason, usage, raw: message, warnings };
  }
  const text = textOf(message);
  const json =
    output.mode === 'json-schema' && finishReason === 'stop' ? restoredAnswer(text, output) : undefined;
  return { json, text, finishReason, usage, raw: message, warnings };
}

function textOf(message: Message): string {
  return message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
}

// Anthropic's input_tokens already excludes the tokens read from or written to the cache.
function usageOf(usage: MessageUsage): Partial<Usage> {
  return {
    inputTokens: usage.input_tokens,
    outputTokens: usage.output_tokens,
    cacheReadTokens: usage.cache_read_input_tokens ?? 0,
    cacheWriteTokens: usage.cache_creation_input_tokens ?? 0,
  };
}
