/**
 * Retries at the provider call, not the stage: the real OpenAI SDK against a local endpoint that fails one
 * request. A part of the document that fails is asked again; the parts already answered are not paid twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LLMExtractionConfig, linearPipeline, OpenAICredential, Stage } from '../../src/index.js';
import { type OpenAIServer, startOpenAIServer } from '../support/openai-server.js';

const Items = z.object({ items: z.array(z.object({ sku: z.string() })) });

let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer();
});
afterAll(() => server.close());

/** Four pages, long enough to be sent in several parts under the context budget below. */
const DOCUMENT = {
  text: [1, 2, 3, 4].map((page) => `Page ${page}\n${'SKU-filler line of the page\n'.repeat(80)}`).join('\f'),
};

function pipeline() {
  return linearPipeline({
    jsonSchema: Items,
    stages: [Stage.LLM_EXTRACTION],
    cache: false,
    llm: new LLMExtractionConfig({
      provider: 'openai-compatible',
      baseURL: server.url,
      model: 'gpt-4o-mini',
      credential: new OpenAICredential({ apiKey: 'sk-test' }),
      contextTokens: 2000,
      maxTokens: 200,
      retry: { initialDelayMs: 1, maxDelayMs: 5 },
    }),
  });
}

/** The text of a request's user turn, which says which part of the document it carries. */
const partOf = (body: Record<string, unknown>) => JSON.stringify(body.messages);
const answer = { kind: 'json' as const, value: { items: [{ sku: 'SKU-1' }] } };

/** The parts the document is sent in, as a run without faults sends them. */
async function partsSent(): Promise<string[]> {
  const parts: string[] = [];
  server.respondWith((body) => {
    parts.push(partOf(body));
    return answer;
  });
  await pipeline().run(DOCUMENT);
  return parts;
}

describe('a provider call that fails', () => {
  it('is asked again on its own: the third of the parts answered 529 once costs one more call', async () => {
    const parts = await partsSent();
    expect(parts.length).toBeGreaterThanOrEqual(4);
    const sent: string[] = [];
    server.respondWith((body) => {
      sent.push(partOf(body));
      return sent.length === 3 ? { kind: 'status', status: 529 } : answer;
    });
    const retries: number[] = [];
    const run = pipeline();
    run.on('retry', ({ attempt }) => retries.push(attempt));
    const result = await run.run(DOCUMENT);
    expect(sent).toEqual([...parts.slice(0, 3), parts[2], ...parts.slice(3)]);
    expect(retries).toEqual([1]);
    expect(result.timings['llm-extraction']?.attempts).toBe(1);
  });

  it('fails the stage once it spent its retries, without running the stage again from the first part', async () => {
    const parts = await partsSent();
    const sent: string[] = [];
    server.respondWith((body) => {
      sent.push(partOf(body));
      return partOf(body) === parts[1] ? { kind: 'status', status: 503 } : answer;
    });
    const error = await pipeline()
      .run(DOCUMENT)
      .catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^Stage 'llm-extraction' failed after 3 attempts: /);
    // The first part once, the second three times, and nothing more.
    expect(sent).toEqual([parts[0], parts[1], parts[1], parts[1]]);
  });
});
