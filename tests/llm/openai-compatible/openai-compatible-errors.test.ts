import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '../../../src/spec/errors.js';
import { slowAnswer } from '../../support/llm-script.js';
import {
  type OpenAIScriptedAnswer,
  type OpenAIServer,
  startOpenAIServer,
} from '../../support/openai-server.js';
import { invoiceRequest, modelAt, TEST_KEY } from './openai-fixtures.js';

let server: OpenAIServer;

beforeAll(async () => {
  server = await startOpenAIServer();
});
afterAll(() => server.close());

async function failure(answer: OpenAIScriptedAnswer, timeoutMs?: number): Promise<ProviderError> {
  server.script(answer);
  const model = modelAt(server.url, timeoutMs === undefined ? {} : { timeoutMs });
  const error = await model.extract(invoiceRequest()).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(ProviderError.isInstance(error)).toBe(true);
  const providerError = error as ProviderError;
  expect(providerError.provider).toBe('openai-compatible');
  expect(
    `${providerError.message} ${JSON.stringify(providerError)} ${String(providerError.cause)}`,
  ).not.toContain(TEST_KEY);
  return providerError;
}

describe('OpenAI-compatible failures', () => {
  it('a 429 is retryable after the Retry-After the endpoint asked for', async () => {
    const error = await failure({ kind: 'status', status: 429, retryAfterSeconds: 7 });
    expect(error).toMatchObject({ status: 429, retryable: true, retryAfterMs: 7000 });
    expect(error.message).toMatch(
      /^The OpenAI-compatible endpoint at 127\.0\.0\.1:\d+ answered HTTP 429: Rate limit/,
    );
  });

  it('a 500 is retryable', async () => {
    const error = await failure({ kind: 'status', status: 500 });
    expect(error).toMatchObject({ status: 500, retryable: true });
  });

  it('an answer slower than timeoutMs is a retryable timeout', async () => {
    const started = performance.now();
    const error = await failure(slowAnswer(2000, { kind: 'json', value: {} }), 300);
    expect(error).toMatchObject({ status: undefined, retryable: true });
    expect(error.message).toMatch(/did not answer in time/);
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('a 401 is permanent, says where the key comes from, and never shows it', async () => {
    const error = await failure({ kind: 'status', status: 401 });
    expect(error).toMatchObject({ status: 401, retryable: false });
    expect(error.message).toMatch(/Incorrect API key provided.*OPENAI_API_KEY/s);
  });

  it('a 404 is permanent and points at the model id and the /v1 base URL', async () => {
    const error = await failure({ kind: 'status', status: 404 });
    expect(error).toMatchObject({ status: 404, retryable: false });
    expect(error.message).toMatch(/gpt-4\.1-mini.*does not exist.*LLMExtractionConfig\.model.*\/v1/s);
  });

  it('an abort rejects with the caller reason, not a provider error', async () => {
    server.script(slowAnswer(2000, { kind: 'json', value: {} }));
    const controller = new AbortController();
    const reason = new Error('cancelled by the test');
    setTimeout(() => controller.abort(reason), 50);
    await expect(modelAt(server.url).extract(invoiceRequest({ signal: controller.signal }))).rejects.toBe(
      reason,
    );
  });
});
