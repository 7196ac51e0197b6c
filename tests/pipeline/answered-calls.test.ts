/**
 * Nothing already paid for is lost when a stage fails: the real OpenAI SDK against a local endpoint, a document
 * sent in 4 parts, the third failing past its retries. The `StageError` carries the answers of the parts before it,
 * and a run given them asks only for the parts left — and only while each request is the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LLMExtractionConfig, linearPipeline, OpenAICredential, Stage, StageError } from '../../src/index.js';
import type { ScriptedAnswer } from '../support/llm-script.js';
import { type OpenAIServer, startOpenAIServer } from '../support/openai-server.js';

const Items = z.object({ items: z.array(z.object({ sku: z.string() })) });

let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer();
});
afterAll(() => server.close());

/** Four pages, each with its SKU, sent in 4 parts under the context below. */
const DOCUMENT = {
  text: [1, 2, 3, 4].map((page) => `Page SKU-${page}\n${'filler line of the page\n'.repeat(105)}`).join('\f'),
};

function pipeline(systemPrompt = 'Extract the SKUs.', timeoutMs?: number) {
  return linearPipeline({
    jsonSchema: Items,
    systemPrompt,
    stages: [Stage.LLM_EXTRACTION],
    cache: false,
    llm: new LLMExtractionConfig({
      provider: 'openai-compatible',
      baseURL: server.url,
      model: 'gpt-4o-mini',
      credential: new OpenAICredential({ apiKey: 'sk-test' }),
      contextTokens: 2000,
      maxTokens: 200,
      retry: { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 5 },
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
    }),
  });
}

const partOf = (body: Record<string, unknown>) => JSON.stringify(body.messages);
/** Each part answered with the SKUs it holds. */
function answerFor(body: Record<string, unknown>): ScriptedAnswer {
  const skus = [...new Set(partOf(body).match(/SKU-\d/g) ?? [])];
  return { kind: 'json', value: { items: skus.map((sku) => ({ sku })) } };
}

/** Runs with the server answering every request, and returns the result and the parts asked for. */
async function answered(run: () => Promise<unknown>) {
  const sent: string[] = [];
  server.respondWith((body) => {
    sent.push(partOf(body));
    return answerFor(body);
  });
  return { result: await run(), sent };
}

/** A run whose third part fails with 503 past its retries: its StageError. */
async function failingAtThePart(part: string): Promise<{ error: StageError; sent: string[] }> {
  const sent: string[] = [];
  server.respondWith((body) => {
    sent.push(partOf(body));
    return partOf(body) === part ? { kind: 'status', status: 503 } : answerFor(body);
  });
  const error = await pipeline()
    .run(DOCUMENT)
    .catch((e: unknown) => e);
  expect(StageError.isInstance(error)).toBe(true);
  return { error: error as StageError, sent };
}

describe('the requests a failed stage had answered', () => {
  it('ride on its StageError, and a run given them pays only for the parts left, to the same result', async () => {
    const whole = await answered(() => pipeline().run(DOCUMENT));
    const parts = whole.sent;
    expect(parts).toHaveLength(4);

    const { error, sent } = await failingAtThePart(parts[2] as string);
    expect(sent).toEqual([parts[0], parts[1], parts[2], parts[2]]);
    expect(error.answeredCalls).toHaveLength(2);
    expect(error.answeredCalls.every((call) => call.stageId === 'llm-extraction')).toBe(true);

    const resumed = await answered(() =>
      pipeline().run(DOCUMENT, { answeredCalls: JSON.parse(JSON.stringify(error.answeredCalls)) }),
    );
    expect(resumed.sent).toEqual(parts.slice(2));
    const { data, stages, usage } = resumed.result as Awaited<ReturnType<ReturnType<typeof pipeline>['run']>>;
    const uninterrupted = whole.result as typeof resumed.result & { data: unknown; stages: unknown };
    expect(data).toEqual({ items: [1, 2, 3, 4].map((n) => ({ sku: `SKU-${n}` })) });
    expect(stages).toEqual(uninterrupted.stages);
    // Paid now: the two parts asked for; the extraction itself is made of all four answers.
    expect(usage.calls).toBe(2);
    expect(stages['llm-extraction']?.attempts).toBe(4);
  });

  it('are asked again when the request changed (another prompt): an answer is reused only for the same request', async () => {
    const parts = (await answered(() => pipeline().run(DOCUMENT))).sent;
    const { error } = await failingAtThePart(parts[2] as string);
    const other = await answered(() =>
      pipeline('Extract the SKUs, in capitals.').run(DOCUMENT, { answeredCalls: error.answeredCalls }),
    );
    expect(other.sent).toHaveLength(4);
  });

  it('are not asked again when the stage itself is attempted again, after its timeout', async () => {
    const parts = (await answered(() => pipeline().run(DOCUMENT))).sent;
    const sent: string[] = [];
    server.respondWith((body) => {
      sent.push(partOf(body));
      // The third part hangs on its first request (until the client gives up): the stage's attempt times out.
      const hang = partOf(body) === parts[2] && sent.filter((part) => part === parts[2]).length === 1;
      return hang ? { kind: 'slow', delayMs: 600_000, answer: answerFor(body) } : answerFor(body);
    });
    const result = await pipeline('Extract the SKUs.', 3_000).run(DOCUMENT);
    expect(result.timings['llm-extraction']?.attempts).toBe(2);
    expect(sent).toEqual([parts[0], parts[1], parts[2], parts[2], parts[3]]);
  });

  it('are reported as each is answered, before the stage goes on', async () => {
    const reported: string[] = [];
    const { sent } = await answered(() =>
      pipeline().run(DOCUMENT, {
        onCallAnswered: (call) => {
          reported.push(call.key);
        },
      }),
    );
    expect(reported).toHaveLength(sent.length);
    expect(new Set(reported).size).toBe(4);
  });
});
