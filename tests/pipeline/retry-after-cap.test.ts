/**
 * A provider's `Retry-After` is honoured beyond the backoff bound, up to `retry.maxRetryAfterMs`; a longer ask
 * is cut to the cap and said in a warning (the real OpenAI SDK against the local endpoint).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { LLMExtractionConfig, linearPipeline, OpenAICredential, Stage } from '../../src/index.js';
import { type OpenAIServer, startOpenAIServer } from '../support/openai-server.js';

let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer();
});
afterAll(() => server.close());

it('waits at most maxRetryAfterMs when the provider asks for longer, and warns', async () => {
  server.script(
    { kind: 'status', status: 429, retryAfterSeconds: 600 },
    { kind: 'json', value: { total: 12 } },
  );
  const pipeline = linearPipeline({
    jsonSchema: z.object({ total: z.number() }),
    stages: [Stage.LLM_EXTRACTION],
    cache: false,
    llm: new LLMExtractionConfig({
      provider: 'openai-compatible',
      baseURL: server.url,
      credential: new OpenAICredential({ apiKey: 'sk-test' }),
      // No real wait in a test: the cap is 0, the ask 10 minutes.
      retry: { maxRetryAfterMs: 0 },
    }),
  });
  const retries: number[] = [];
  pipeline.on('retry', (event) => retries.push(event.delayMs));
  const result = await pipeline.run({ text: 'Total: 12' });
  expect(result.data).toEqual({ total: 12 });
  expect(retries).toEqual([0]);
  expect(result.warnings).toContainEqual(
    expect.objectContaining({
      code: 'retry-after-capped',
      stageId: 'llm-extraction',
      message: expect.stringMatching(/asked to wait 600 s before trying again; docpipe waited 0 s/),
    }),
  );
});
