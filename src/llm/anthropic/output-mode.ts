/**
 * How an answer is constrained to the schema on Claude's Messages API (Anthropic and Bedrock alike):
 * native structured output (`output_config.format`) or one forced tool call.
 *
 * @module
 */

import type { JSONSchema } from '../../schema/index.js';
import { ConfigError } from '../../spec/errors.js';
import type { OutputMode } from '../../spec/extraction-model.js';
import { modelFamily } from '../pricing.js';
import type { StrictSchema } from '../strict-schema.js';
import { fitsStructuredOutput, toStructuredOutputSchema, toToolInputSchema } from './output-schema.js';

/** The constraint one request is sent with, the schema adapted for it, and how answers return to the original's shape. */
export interface OutputPlan extends StrictSchema {
  readonly mode: 'json-schema' | 'tool';
}

/** The output modes a Messages API model accepts: all but `json-object`. */
export type MessagesOutputMode = Exclude<OutputMode, 'json-object'>;

// `claude-<name>-<major>[-<minor>]`, as left by modelFamily (dates, versions, Bedrock prefixes removed).
const CURRENT_MODEL_ID = /^claude-[a-z]+-(\d+)(?:-(\d+))?$/;

/**
 * Whether a Claude model has native structured output: Claude 4.5 models and every later one
 * (Sonnet 4.5, Haiku 4.5, Opus 4.5, the 4.6+ and 5.x families), judged by the version in the id —
 * `claude-sonnet-4-5-20250929`, `us.anthropic.claude-haiku-4-5-20251001-v1:0` and `claude-opus-5` do;
 * `claude-opus-4-1`, `claude-sonnet-4` and the `claude-3-*` ids do not. Opus 4.1 had it only as a
 * beta, so it is left out. Ids without a version (aliases, application inference profile ARNs) count
 * as not supporting it: tool mode works on every Claude model.
 *
 * @example
 * ```ts
 * supportsStructuredOutput('claude-sonnet-4-5'); // true
 * supportsStructuredOutput('anthropic.claude-3-5-sonnet-20241022-v2:0'); // false
 * ```
 */
export function supportsStructuredOutput(modelId: string): boolean {
  const version = claudeVersion(modelId);
  if (!version) return false;
  return version.major > 4 || (version.major === 4 && version.minor >= 5);
}

/** The generation of a Claude model id (`claude-sonnet-5-5` → 5.5), or `undefined` for ids without one. */
export function claudeVersion(
  modelId: string,
): { readonly major: number; readonly minor: number } | undefined {
  const match = CURRENT_MODEL_ID.exec(modelFamily(modelId));
  return match ? { major: Number(match[1]), minor: Number(match[2] ?? 0) } : undefined;
}

/**
 * The configured output mode, checked for a Messages API model.
 *
 * @throws {ConfigError} for `json-object`, which the Messages API does not have
 */
export function messagesOutputMode(mode: OutputMode, provider: string): MessagesOutputMode {
  if (mode !== 'json-object') return mode;
  throw new ConfigError(
    `LLMExtractionConfig.outputMode 'json-object' is not a mode of the ${provider} provider; use 'auto', 'json-schema' or 'tool'.`,
    { option: 'LLMExtractionConfig.outputMode' },
  );
}

/**
 * How to constrain one request: `json-schema` and `tool` as configured; `auto` uses structured
 * output when the model has it and the schema is within its limits, else a tool call.
 *
 * @throws {ConfigError} when a tool call is planned and the schema's root is not an object
 */
export function planOutput(mode: MessagesOutputMode, modelId: string, jsonSchema: JSONSchema): OutputPlan {
  if (mode !== 'tool' && (mode === 'json-schema' || supportsStructuredOutput(modelId))) {
    const strict = toStructuredOutputSchema(jsonSchema);
    if (mode === 'json-schema' || fitsStructuredOutput(strict.schema))
      return { mode: 'json-schema', ...strict };
  }
  // The API requires a tool's input_schema to be an object at the root.
  if (jsonSchema.type !== 'object') {
    throw new ConfigError(
      `A tool call needs a schema whose root is an object, and this one's is ${JSON.stringify(jsonSchema.type ?? 'untyped')}; wrap the schema in an object, or set LLMExtractionConfig.outputMode to 'json-schema' on a model with structured output.`,
      { option: 'LLMExtractionConfig.outputMode' },
    );
  }
  return { mode: 'tool', ...toToolInputSchema(jsonSchema) };
}
