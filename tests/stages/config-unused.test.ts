import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LLMExtractionConfig, linearPipeline, Stage } from '../../src/index.js';

const Invoice = z.object({ invoice_number: z.string().nullable() });
const TEXT = { text: 'Invoice number: INV-3337' };

function extractWith(llm: LLMExtractionConfig) {
  return linearPipeline({ jsonSchema: Invoice, stages: [Stage.LLM_EXTRACTION], llm, cache: false });
}

describe('options the chosen provider does not use', () => {
  it('come back as config-unused warnings naming the providers that use them', async () => {
    const pipeline = extractWith(
      new LLMExtractionConfig({ provider: 'heuristic', region: 'eu-west-1', promptCaching: false }),
    );
    const { warnings } = await pipeline.run(TEXT);
    expect(
      warnings.filter((warning) => warning.code === 'config-unused').map((warning) => warning.message),
    ).toEqual([
      'LLMExtractionConfig.region is set, but the heuristic provider does not use it; remove it, or choose a provider that does (bedrock).',
      'LLMExtractionConfig.promptCaching is set, but the heuristic provider does not use it; remove it, or choose a provider that does (anthropic, bedrock).',
    ]);
  });

  it('are not reported when left at their defaults, or when the stage itself reads them', async () => {
    const pipeline = extractWith(
      new LLMExtractionConfig({
        provider: 'heuristic',
        promptCaching: true,
        maxTokens: 900,
        contextTokens: 50_000,
      }),
    );
    const { warnings, data } = await pipeline.run(TEXT);
    expect(warnings.filter((warning) => warning.code === 'config-unused')).toEqual([]);
    expect(data).toEqual({ invoice_number: 'INV-3337' });
  });

  it('reach the provider that uses them, by the same names, when the pipeline is built', () => {
    expect(() => extractWith(new LLMExtractionConfig({ provider: 'heuristic', model: 'gpt-5' }))).toThrow(
      /has one model, 'rules-v2', not 'gpt-5'/,
    );
  });
});
