/**
 * What LLM tokens cost, per model. The table holds list prices in US dollars per million tokens
 * as published by Anthropic and OpenAI (checked 2026-11; Claude 5.x from platform.claude.com's
 * model pages); Bedrock's on-demand prices for Claude are taken to equal Anthropic's. Prices change: pass `LLMExtractionConfig.pricing` to use your own.
 *
 * @module
 */
import type { Usage } from '../spec/usage.js';

/** A model's price in US dollars per million tokens. */
export interface ModelPrice {
  readonly inputPerMTok: number;
  readonly outputPerMTok: number;
  /** Input tokens read from the prompt cache. @default inputPerMTok */
  readonly cacheReadPerMTok?: number;
  /** Input tokens written to the prompt cache. @default inputPerMTok */
  readonly cacheWritePerMTok?: number;
}

const claude = (input: number, output: number): ModelPrice => ({
  inputPerMTok: input,
  outputPerMTok: output,
  cacheReadPerMTok: input * 0.1,
  cacheWritePerMTok: input * 1.25,
});

const openai = (input: number, output: number, cachedInput: number): ModelPrice => ({
  inputPerMTok: input,
  outputPerMTok: output,
  cacheReadPerMTok: cachedInput,
  cacheWritePerMTok: input,
});

/**
 * List prices by model family. Keys are model ids without a date or version suffix and without
 * a Bedrock region or vendor prefix: `us.anthropic.claude-sonnet-4-5-20250929-v1:0` is priced as
 * `claude-sonnet-4-5`.
 */
export const LLM_PRICE_PER_MTOK: Readonly<Record<string, ModelPrice>> = Object.freeze({
  'claude-fable-5-1': claude(10, 50),
  'claude-opus-5-5': claude(4, 20),
  'claude-opus-5': claude(5, 25),
  'claude-sonnet-5-5': claude(2, 10),
  'claude-sonnet-5': claude(2, 10),
  'claude-sonnet-4-6': claude(3, 15),
  'claude-opus-4-5': claude(5, 25),
  'claude-opus-4-1': claude(15, 75),
  'claude-opus-4': claude(15, 75),
  'claude-sonnet-4-5': claude(3, 15),
  'claude-sonnet-4': claude(3, 15),
  'claude-3-7-sonnet': claude(3, 15),
  'claude-haiku-4-5': claude(1, 5),
  'claude-3-5-haiku': claude(0.8, 4),
  'gpt-5': openai(1.25, 10, 0.125),
  'gpt-5-mini': openai(0.25, 2, 0.025),
  'gpt-5-nano': openai(0.05, 0.4, 0.005),
  'gpt-4.1': openai(2, 8, 0.5),
  'gpt-4.1-mini': openai(0.4, 1.6, 0.1),
  'gpt-4.1-nano': openai(0.1, 0.4, 0.025),
  'gpt-4o': openai(2.5, 10, 1.25),
  'gpt-4o-mini': openai(0.15, 0.6, 0.075),
});

/**
 * The table key of a model id: vendor, region and routing prefixes and date or version suffixes
 * removed (`openai/gpt-4o-mini-2024-07-18` → `gpt-4o-mini`, `eu.anthropic.claude-haiku-4-5-20251001-v1:0`
 * → `claude-haiku-4-5`).
 */
export function modelFamily(modelId: string): string {
  return (
    modelId
      .toLowerCase()
      .replace(/^.*\//, '')
      // Bedrock inference profiles put a geography first: us., eu., apac., jp., au., us-gov., global.
      .replace(/^(?:[a-z]+(?:-[a-z]+)*\.)?anthropic\./, '')
      .replace(/-v\d+(?::\d+)?$/, '')
      .replace(/-(?:\d{8}|\d{4}-\d{2}-\d{2}|latest)$/, '')
  );
}

/** The price of a model: the override when given, else the table's; `undefined` when unknown. */
export function priceOf(modelId: string, override?: ModelPrice): ModelPrice | undefined {
  return override ?? LLM_PRICE_PER_MTOK[modelFamily(modelId)];
}

/** The cost in US dollars of the tokens in `usage` at `price`. */
export function tokenCost(usage: Partial<Usage>, price: ModelPrice): number {
  const perToken = (perMTok: number) => perMTok / 1_000_000;
  return (
    (usage.inputTokens ?? 0) * perToken(price.inputPerMTok) +
    (usage.outputTokens ?? 0) * perToken(price.outputPerMTok) +
    (usage.cacheReadTokens ?? 0) * perToken(price.cacheReadPerMTok ?? price.inputPerMTok) +
    (usage.cacheWriteTokens ?? 0) * perToken(price.cacheWritePerMTok ?? price.inputPerMTok)
  );
}
