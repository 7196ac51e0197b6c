import { describe, expect, it } from 'vitest';
import { LLM_PRICE_PER_MTOK, modelFamily, priceOf, tokenCost } from '../../src/llm/pricing.js';

describe('LLM pricing', () => {
  it.each([
    ['claude-sonnet-4-5', 'claude-sonnet-4-5'],
    ['claude-sonnet-4-5-20250929', 'claude-sonnet-4-5'],
    ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5'],
    ['anthropic.claude-3-5-haiku-20241022-v1:0', 'claude-3-5-haiku'],
    ['openai/gpt-4o-mini-2024-07-18', 'gpt-4o-mini'],
    ['gpt-4.1-mini', 'gpt-4.1-mini'],
  ])('prices %s as %s', (modelId, family) => {
    expect(modelFamily(modelId)).toBe(family);
    expect(priceOf(modelId)).toBe(LLM_PRICE_PER_MTOK[family]);
  });

  it('knows no price for a local model, and takes an override', () => {
    expect(priceOf('llama3.1:8b')).toBeUndefined();
    const override = { inputPerMTok: 1, outputPerMTok: 2 };
    expect(priceOf('claude-sonnet-4-5', override)).toBe(override);
  });

  it('charges cache reads and writes at their own rates', () => {
    const price = LLM_PRICE_PER_MTOK['claude-sonnet-4-5'] ?? { inputPerMTok: 0, outputPerMTok: 0 };
    const cost = tokenCost(
      {
        inputTokens: 1_000_000,
        outputTokens: 1_000_000,
        cacheReadTokens: 1_000_000,
        cacheWriteTokens: 1_000_000,
      },
      price,
    );
    expect(cost).toBeCloseTo(3 + 15 + 0.3 + 3.75, 10);
  });
});
