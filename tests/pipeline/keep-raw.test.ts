/**
 * `keepRaw`: each stage's raw vendor responses on the result, one per provider call, with nothing
 * credential-like in them, and none kept unless asked for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LLMExtractionConfig, linearPipeline, OCRConfig, OpenAICredential, Stage } from '../../src/index.js';
import { secretFreeRaw } from '../../src/pipeline/secret-free-raw.js';
import type { OcrProvider } from '../../src/spec/ocr-provider.js';
import { createMockExtractionModel, ocrDocumentFromText } from '../../src/testing/index.js';
import { type OpenAIServer, startOpenAIServer } from '../support/openai-server.js';

const API_KEY = 'sk-test-keepraw0123456789abcdef';
const Items = z.object({ items: z.array(z.object({ sku: z.string() })) });
/** Long enough to be sent in several parts under the context below. */
const DOCUMENT = {
  text: [1, 2, 3].map((page) => `Page SKU-${page}\n${'filler line of the page\n'.repeat(105)}`).join('\f'),
};

let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer();
});
afterAll(() => server.close());

function pipeline(keepRaw?: boolean) {
  return linearPipeline({
    jsonSchema: Items,
    stages: [Stage.LLM_EXTRACTION],
    cache: false,
    ...(keepRaw === undefined ? {} : { keepRaw }),
    llm: new LLMExtractionConfig({
      provider: 'openai-compatible',
      baseURL: server.url,
      model: 'gpt-4o-mini',
      credential: new OpenAICredential({ apiKey: API_KEY }),
      contextTokens: 2000,
      maxTokens: 200,
    }),
  });
}

describe('keepRaw', () => {
  it("puts the model's raw completion of every call on result.raw, in order, and no key", async () => {
    server.requests.length = 0;
    server.respondWith(() => ({ kind: 'json', value: { items: [{ sku: 'SKU-1' }] } }));
    const result = await pipeline(true).run(DOCUMENT);
    const raw = result.raw?.['llm-extraction'] ?? [];
    expect(raw).toHaveLength(server.requests.length);
    expect(raw.length).toBeGreaterThan(1);
    expect(raw.map((completion) => (completion as { object: string }).object)).toEqual(
      raw.map(() => 'chat.completion'),
    );
    expect(JSON.stringify(result.raw)).not.toContain(API_KEY);
  });

  it('keeps nothing by default', async () => {
    server.respondWith(() => ({ kind: 'json', value: { items: [] } }));
    expect((await pipeline().run(DOCUMENT)).raw).toBeUndefined();
  });

  it("scrubs an OCR provider's raw HTTP exchange of its credentials", async () => {
    const leaky: OcrProvider = {
      specificationVersion: 'v1',
      provider: 'leaky-ocr',
      modelId: 'v1',
      async recognize() {
        return {
          document: ocrDocumentFromText('Invoice INV-1', 'leaky-ocr'),
          usage: { pages: 1 },
          raw: {
            config: { headers: { Authorization: `Bearer ${API_KEY}`, 'X-Api-Key': 'plain-secret-value' } },
            data: { status: 'succeeded', note: `echoed ${API_KEY}` },
          },
          warnings: [],
        };
      },
    };
    const result = await linearPipeline({
      jsonSchema: Items,
      stages: [Stage.OCR, Stage.LLM_EXTRACTION],
      keepRaw: true,
      cache: false,
      ocr: new OCRConfig({ provider: leaky }),
      llm: { provider: createMockExtractionModel({ respond: () => ({ items: [] }) }) },
    }).run(DOCUMENT);
    expect(result.raw?.ocr).toEqual([
      {
        config: { headers: { Authorization: '[redacted]', 'X-Api-Key': '[redacted]' } },
        data: { status: 'succeeded', note: 'echoed [redacted]' },
      },
    ]);
  });
});

describe('secretFreeRaw', () => {
  it('redacts credential-named values and key-shaped strings, and leaves the rest as JSON sees it', () => {
    const response: Record<string, unknown> = {
      headers: {
        authorization: 'Bearer abcdefghijk',
        'x-amz-security-token': 'token',
        'content-type': 'json',
      },
      usage: { prompt_tokens: 12, access_token: null },
      text: 'AKIAABCDEFGHIJKLMNOP and sk-ant-0123456789abcdefghij in a sentence',
      at: new Date('2026-01-02T03:04:05Z'),
      drop: () => undefined,
    };
    response.self = response;
    expect(secretFreeRaw(response)).toEqual({
      headers: { authorization: '[redacted]', 'x-amz-security-token': '[redacted]', 'content-type': 'json' },
      usage: { prompt_tokens: 12, access_token: null },
      text: '[redacted] and [redacted] in a sentence',
      at: '2026-01-02T03:04:05.000Z',
    });
  });
});
