/**
 * `linearPipeline` with each built-in LLM provider — the real SDKs (`@anthropic-ai/sdk`,
 * `@anthropic-ai/bedrock-sdk`, `openai`) talking to local servers on 127.0.0.1 — through the
 * scenarios a real endpoint plays: a correct answer, answers to repair, an answer cut at
 * `max_tokens`, throttling, overload, server errors, a slow answer and a refusal. Each test also
 * checks what the server received.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AnthropicCredential,
  BedrockCredential,
  type JSONSchema,
  type LLMExtractionConfigOptions,
  linearPipeline,
  OpenAICredential,
  ProviderError,
  Stage,
  StageError,
} from '../../src/index.js';
import { startAnthropicServer } from '../support/anthropic-server.js';
import { startBedrockServer } from '../support/bedrock-server.js';
import {
  type LlmTestServer,
  type RecordedRequest,
  SCRIPTED_USAGE,
  slowAnswer,
} from '../support/llm-script.js';
import { startOpenAIServer } from '../support/openai-server.js';

type Body = RecordedRequest['body'];

interface ProviderUnderTest {
  readonly provider: 'anthropic' | 'bedrock' | 'openai-compatible';
  readonly start: () => Promise<LlmTestServer>;
  readonly options: (server: LlmTestServer) => LLMExtractionConfigOptions;
  /** The authorization scheme the SDK must use. */
  readonly auth: string;
  /** The JSON Schema the request constrains the answer with. */
  readonly schemaSent: (body: Body) => unknown;
  /** Whether the fixed prefix is marked for prompt caching. */
  readonly cacheMarked: (body: Body) => boolean;
  /** Whether an image is attached to the user turn. */
  readonly imageAttached: (body: Body) => boolean;
  /** What the server received for a request, where a path names the model. */
  readonly path: RegExp;
}

interface ContentBlock {
  readonly type?: string;
  readonly cache_control?: unknown;
}
type Message = { readonly role: string; readonly content: string | readonly ContentBlock[] };
const messages = (body: Body) => body.messages as Message[];
const blocks = (body: Body) =>
  messages(body).flatMap((m) => (typeof m.content === 'string' ? [] : m.content));

const anthropicLike = {
  schemaSent: (body: Body) =>
    (body.output_config as { format?: { schema?: unknown } } | undefined)?.format?.schema ??
    (body.tools as { input_schema?: unknown }[] | undefined)?.[0]?.input_schema,
  cacheMarked: (body: Body) => (body.system as ContentBlock[])[0]?.cache_control !== undefined,
  imageAttached: (body: Body) => blocks(body).some((block) => block.type === 'image'),
};

const PROVIDERS: readonly ProviderUnderTest[] = [
  {
    provider: 'anthropic',
    start: startAnthropicServer,
    options: (server) => ({
      baseURL: server.url,
      credential: new AnthropicCredential({ apiKey: 'sk-ant-test-1' }),
    }),
    auth: 'Bearer',
    path: /^\/v1\/messages$/,
    ...anthropicLike,
  },
  {
    provider: 'bedrock',
    start: startBedrockServer,
    options: (server) => ({
      baseURL: server.url,
      region: 'us-east-1',
      credential: new BedrockCredential({
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        secretAccessKey: 'test-secret',
      }),
    }),
    auth: 'AWS4-HMAC-SHA256',
    path: /^\/model\/global\.anthropic\.claude-sonnet-5-5\/invoke$/,
    ...anthropicLike,
  },
  {
    provider: 'openai-compatible',
    start: startOpenAIServer,
    options: (server) => ({ baseURL: server.url, credential: new OpenAICredential({ apiKey: 'sk-test-1' }) }),
    auth: 'Bearer',
    path: /^\/v1\/chat\/completions$/,
    schemaSent: (body) =>
      (body.response_format as { json_schema?: { schema?: unknown } }).json_schema?.schema,
    // OpenAI caches long prefixes by itself; there is nothing to mark.
    cacheMarked: () => false,
    imageAttached: (body) => blocks(body).some((block) => block.type === 'image_url'),
  },
];

const Invoice = {
  type: 'object',
  properties: {
    invoice_number: { type: ['string', 'null'] },
    total: { type: ['number', 'null'], minimum: 0 },
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: { description: { type: 'string' }, amount: { type: 'number' } },
        required: ['description', 'amount'],
      },
    },
  },
  required: ['invoice_number', 'total', 'items'],
} as const;
const ANSWER = { invoice_number: 'INV-7', total: 42.5, items: [{ description: 'Widget', amount: 42.5 }] };
const DOCUMENT = { text: 'INVOICE INV-7\nWidget    42.50\nTotal     42.50' };

describe.each(PROVIDERS)('the $provider provider in a pipeline', (subject) => {
  let server: LlmTestServer;

  beforeAll(async () => {
    server = await subject.start();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
    // Keep the machine's own keys, regions and endpoints out of the test.
    for (const name of [
      'ANTHROPIC_API_KEY',
      'ANTHROPIC_BASE_URL',
      'OPENAI_API_KEY',
      'OPENAI_BASE_URL',
      'AWS_PROFILE',
    ]) {
      vi.stubEnv(name, '');
    }
    return () => vi.unstubAllEnvs();
  });

  const pipeline = (options: LLMExtractionConfigOptions = {}, jsonSchema: JSONSchema = Invoice) =>
    linearPipeline({
      jsonSchema,
      systemPrompt: 'Extract the invoice.',
      stages: [Stage.LLM_EXTRACTION],
      llm: { provider: subject.provider, ...subject.options(server), retry: false, ...options },
    });

  it('extracts the data, and reports tokens and cost', async () => {
    server.script({ kind: 'json', value: ANSWER });
    const result = await pipeline().run(DOCUMENT);
    expect(result.data).toEqual(ANSWER);
    expect(result.usage).toMatchObject({
      calls: 1,
      inputTokens: SCRIPTED_USAGE.inputTokens,
      outputTokens: SCRIPTED_USAGE.outputTokens,
      cacheReadTokens: SCRIPTED_USAGE.cacheReadTokens,
    });
    expect(result.usage.costUsd).toBeGreaterThan(0);
    const [request] = server.requests;
    expect(request?.path).toMatch(subject.path);
    expect(request?.auth).toBe(subject.auth);
    expect(subject.schemaSent(request?.body ?? {})).toMatchObject({
      type: 'object',
      additionalProperties: false,
      properties: { items: { items: { additionalProperties: false } } },
    });
    const sent = JSON.stringify(request?.body);
    expect(sent).toContain('Instructions:\\nExtract the invoice.');
    expect(sent).toContain('<document>\\nINVOICE INV-7\\nWidget    42.50\\nTotal     42.50\\n</document>');
    expect(subject.cacheMarked(request?.body ?? {})).toBe(subject.provider !== 'openai-compatible');
  });

  it('asks for a record (keys that are data) as a list of entries, and gives back the record', async () => {
    const taxByRate: JSONSchema = { type: 'object', additionalProperties: { type: 'number' } };
    const WithTaxes = {
      ...Invoice,
      properties: { ...Invoice.properties, taxByRate },
      required: [...Invoice.required, 'taxByRate'],
    };
    server.script({ kind: 'json', value: { ...ANSWER, taxByRate: [{ key: '20%', value: 7.08 }] } });
    const result = await pipeline({}, WithTaxes).run(DOCUMENT);
    expect(result.data).toEqual({ ...ANSWER, taxByRate: { '20%': 7.08 } });
    const sent = subject.schemaSent(server.requests[0]?.body ?? {}) as {
      properties: Record<string, unknown>;
    };
    expect(sent.properties.taxByRate).toMatchObject({
      type: 'array',
      items: {
        properties: { key: { type: 'string' }, value: { type: 'number' } },
        additionalProperties: false,
      },
    });
  });

  it('repairs an answer that is not JSON, then one that does not match the schema', async () => {
    server.script(
      { kind: 'text', text: 'The invoice total is 42.50.' },
      { kind: 'json', value: { ...ANSWER, total: -1 } },
      { kind: 'json', value: ANSWER },
    );
    const result = await pipeline().run(DOCUMENT);
    expect(result.data).toEqual(ANSWER);
    expect(result.usage.calls).toBe(3);
    const roles = (body: Body) =>
      messages(body)
        .map((m) => m.role)
        .filter((role) => role !== 'system');
    expect(roles(server.requests[2]?.body ?? {})).toEqual(['user', 'assistant', 'user', 'assistant', 'user']);
    const last = JSON.stringify(server.requests[2]?.body);
    expect(last).toContain('it is not valid JSON');
    expect(last).toMatch(/\/total.*>= ?0/);
  });

  it('extracts the halves of a document whose answer stopped at max_tokens, and merges them', async () => {
    server.script(
      { kind: 'truncated', text: '{"invoice_number": "INV-7", "items": [{"descr' },
      {
        kind: 'json',
        value: { invoice_number: 'INV-7', total: null, items: [{ description: 'Widget', amount: 42.5 }] },
      },
      { kind: 'json', value: { invoice_number: null, total: 42.5, items: [] } },
    );
    const result = await pipeline().run(DOCUMENT);
    expect(result.data).toEqual(ANSWER);
    expect(server.requests).toHaveLength(3);
    expect(JSON.stringify(server.requests[1]?.body)).toContain('one part of a longer document');
    expect(result.warnings.map((w) => w.code)).toContain('answer-split');
  });

  it.each([
    [
      'throttled (429 with Retry-After)',
      { kind: 'status', status: 429, retryAfterSeconds: 1 } as const,
      1000,
    ],
    ['overloaded (529)', { kind: 'status', status: 529 } as const, undefined],
    ['failing (500)', { kind: 'status', status: 500 } as const, undefined],
  ])('retries an endpoint that is %s, and succeeds', async (_, fault, retryAfterMs) => {
    server.script(fault, { kind: 'json', value: ANSWER });
    const p = pipeline({ retry: { maxAttempts: 2, initialDelayMs: 10, maxDelayMs: 5000 } });
    const retries: { delayMs: number; error: unknown }[] = [];
    p.on('retry', (event) => retries.push(event));
    expect((await p.run(DOCUMENT)).data).toEqual(ANSWER);
    expect(retries).toHaveLength(1);
    expect(retries[0]?.error).toBeInstanceOf(ProviderError);
    expect(retries[0]?.error).toMatchObject({ retryable: true });
    if (retryAfterMs !== undefined) expect(retries[0]?.delayMs).toBe(retryAfterMs);
  });

  it('gives up on a slow answer at timeoutMs, and retries it', async () => {
    server.script(slowAnswer(3000, { kind: 'json', value: ANSWER }), { kind: 'json', value: ANSWER });
    const p = pipeline({ timeoutMs: 300, retry: { maxAttempts: 2, initialDelayMs: 0 } });
    const retries: unknown[] = [];
    p.on('retry', (event) => retries.push(event.error));
    expect((await p.run(DOCUMENT)).data).toEqual(ANSWER);
    expect(retries).toHaveLength(1);
  });

  it('reports a refusal as a clear error that is not retried', async () => {
    server.script({ kind: 'refusal', text: 'I cannot help with that.' }, { kind: 'json', value: ANSWER });
    const error = await pipeline({ retry: { maxAttempts: 3, initialDelayMs: 0 } })
      .run(DOCUMENT)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StageError);
    expect((error as StageError).cause).toMatchObject({
      retryable: false,
      message: expect.stringMatching(/declined/),
    });
    expect(server.requests).toHaveLength(1);
  });

  it('sends an image itself when there is no OCR stage', async () => {
    server.script({ kind: 'json', value: ANSWER });
    const image = fileURLToPath(new URL('../fixtures/images/multicol-test-document.png', import.meta.url));
    await pipeline().run(image);
    expect(subject.imageAttached(server.requests[0]?.body ?? {})).toBe(true);
    expect(JSON.stringify(server.requests[0]?.body)).toContain('The document is attached');
  });
});
