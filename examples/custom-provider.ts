/**
 * Plug in your own extraction model: anything implementing `ExtractionModel` works wherever a
 * built-in provider name does. This one reads `Label: value` lines, offline, to fill the schema.
 *
 * Run: npx tsx examples/custom-provider.ts
 */
import { z } from 'zod';
import { type ExtractionModel, LLMExtractionConfig, linearPipeline, Stage } from '../src/index.js';

const Invoice = z.object({
  invoice_number: z.string(),
  invoice_date: z.iso.date(),
  total_due: z.number(),
});

/** Fills each top-level property from a line `Property name: value` in the text. */
const labelReader: ExtractionModel = {
  specificationVersion: 'v1',
  provider: 'label-reader',
  modelId: 'v1',
  capabilities: {
    structuredOutput: true,
    images: false,
    pdf: false,
    contextTokens: 1_000_000,
    promptCaching: false,
  },
  async extract({ text = '', jsonSchema }) {
    const properties = (jsonSchema as { properties: Record<string, { type?: string }> }).properties;
    const data = Object.fromEntries(
      Object.entries(properties).map(([name, property]) => {
        const label = name.replaceAll('_', ' ');
        const value = new RegExp(`^${label}:\\s*([^\\s].*?)\\s*(USD)?$`, 'im').exec(text)?.[1] ?? null;
        return [name, property.type === 'number' && value !== null ? Number(value) : value];
      }),
    );
    return { json: data, finishReason: 'stop', usage: {}, warnings: [] };
  },
};

const pipeline = linearPipeline({
  jsonSchema: Invoice,
  stages: [Stage.LLM_EXTRACTION],
  llm: new LLMExtractionConfig({ provider: labelReader }),
});

const result = await pipeline.run(new URL('./documents/invoice.txt', import.meta.url));
console.log(JSON.stringify(result.data, null, 2));
