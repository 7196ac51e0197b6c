/**
 * What docpipe knows about OpenAI's model families. A compatible server (Ollama, vLLM, a LiteLLM or
 * OpenRouter route to another vendor) can serve any model under any name, so only these families get
 * more than the conservative defaults.
 *
 * @module
 */
import { modelFamily } from '../pricing.js';

/** What the adapter assumes about a model. */
export interface OpenAIModelTraits {
  /** Context window in tokens. */
  readonly contextTokens: number;
  /** Reads PDFs sent as `file` content parts; OpenAI's multimodal families do, generic servers may not. */
  readonly pdf: boolean;
  /** A reasoning model: it accepts only the default temperature and counts reasoning in its output tokens. */
  readonly reasoning: boolean;
}

interface KnownFamily extends OpenAIModelTraits {
  readonly pattern: RegExp;
}

// Context windows as OpenAI publishes them; matched on the id without routing prefixes or date suffixes.
const KNOWN_FAMILIES: readonly KnownFamily[] = [
  { pattern: /^gpt-4\.1(?:-|$)/, contextTokens: 1_047_576, pdf: true, reasoning: false },
  { pattern: /^gpt-4o(?:-|$)/, contextTokens: 128_000, pdf: true, reasoning: false },
  { pattern: /^gpt-5(?:[.-]|$)/, contextTokens: 400_000, pdf: true, reasoning: true },
];

/** Traits of any other model: a common context size, no native PDF input. */
const UNKNOWN_MODEL: OpenAIModelTraits = { contextTokens: 128_000, pdf: false, reasoning: false };

/**
 * The traits of `modelId` (`gpt-4.1-mini`, `openai/gpt-4o-2024-08-06`, `llama3.1:8b`, ...).
 *
 * @example
 * ```ts
 * openAIModelTraits('openai/gpt-4o-mini'); // { contextTokens: 128_000, pdf: true, reasoning: false }
 * ```
 */
export function openAIModelTraits(modelId: string): OpenAIModelTraits {
  const family = modelFamily(modelId);
  return KNOWN_FAMILIES.find(({ pattern }) => pattern.test(family)) ?? UNKNOWN_MODEL;
}
