import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AnthropicCredential } from '../../../src/credentials.js';
import { createOpenAICompatibleModel } from '../../../src/llm/openai-compatible/index.js';
import { resolveOpenAISettings } from '../../../src/llm/openai-compatible/openai-settings.js';
import { ConfigError } from '../../../src/spec/errors.js';
import { type OpenAIServer, startOpenAIServer } from '../../support/openai-server.js';
import { invoiceRequest } from './openai-fixtures.js';

let server: OpenAIServer;

beforeAll(async () => {
  server = await startOpenAIServer();
});
afterAll(() => server.close());
beforeEach(() => {
  vi.stubEnv('OPENAI_API_KEY', undefined);
  vi.stubEnv('OPENAI_BASE_URL', undefined);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

function configError(run: () => unknown): ConfigError {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(ConfigError.isInstance(thrown)).toBe(true);
  return thrown as ConfigError;
}

describe('endpoint and key', () => {
  it('needs no key for a server of its own: a placeholder is sent', async () => {
    server.script({ kind: 'json', value: {} });
    const model = createOpenAICompatibleModel({ baseURL: server.url });
    await expect(model.extract(invoiceRequest())).resolves.toMatchObject({ finishReason: 'stop' });
    expect(server.requests.at(-1)).toMatchObject({ path: '/v1/chat/completions', auth: 'Bearer' });
  });

  it('reads OPENAI_BASE_URL when no baseURL is set', async () => {
    vi.stubEnv('OPENAI_BASE_URL', server.url);
    server.script({ kind: 'json', value: { total: 1 } });
    const model = createOpenAICompatibleModel({});
    await expect(model.extract(invoiceRequest())).resolves.toMatchObject({ json: { total: 1 } });
  });

  it('reads OPENAI_API_KEY when no credential is given', () => {
    vi.stubEnv('OPENAI_API_KEY', 'sk-from-env');
    expect(resolveOpenAISettings({})).toMatchObject({
      apiKey: 'sk-from-env',
      baseURL: undefined,
      officialApi: true,
      service: 'OpenAI',
      modelId: 'gpt-4.1-mini',
      outputMode: 'json-schema',
    });
  });

  it('fails at construction without a key for OpenAI itself, saying how to give one', () => {
    const error = configError(() => createOpenAICompatibleModel({}));
    expect(error.option).toBe('LLMExtractionConfig.credential');
    expect(error.message).toMatch(/needs an API key for OpenAI: set OPENAI_API_KEY/);
  });

  it('rejects a plain http OPENAI_BASE_URL on a remote host', () => {
    vi.stubEnv('OPENAI_BASE_URL', 'http://llm.example.com/v1');
    const error = configError(() => createOpenAICompatibleModel({}));
    expect(error.message).toMatch(/OPENAI_BASE_URL must be an https:\/\/ URL/);
  });

  it('rejects a credential of another provider', () => {
    const credential = new AnthropicCredential({ apiKey: 'sk-ant-test' });
    const error = configError(() =>
      createOpenAICompatibleModel({ baseURL: server.url, credential: credential as never }),
    );
    expect(error.message).toMatch(/must be an OpenAICredential/);
  });
});
