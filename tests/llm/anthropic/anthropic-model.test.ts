import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AnthropicCredential, BedrockCredential } from '../../../src/credentials.js';
import { createAnthropicModel, DEFAULT_ANTHROPIC_MODEL } from '../../../src/llm/anthropic/index.js';
import { ConfigError } from '../../../src/spec/errors.js';
import { resolveExtractionModel } from '../../../src/stages/extraction-models.js';
import { LLMExtractionConfig } from '../../../src/stages/llm-extraction-config.js';
import { startAnthropicServer } from '../../support/anthropic-server.js';
import type { LlmTestServer } from '../../support/llm-script.js';
import { INVOICE, invoiceRequest, isolateSdkEnvironment, rejectionOf } from './messages-fixtures.js';
import { describeMessagesAdapter } from './messages-scenarios.js';

const SECRET_KEY = 'sk-ant-test-SECRET-123';

describeMessagesAdapter({
  provider: 'anthropic',
  startServer: startAnthropicServer,
  createModel: (server, options) =>
    createAnthropicModel({
      model: 'claude-haiku-4-5',
      credential: new AnthropicCredential({ apiKey: SECRET_KEY }),
      baseURL: server.url,
      ...options,
    }),
  secrets: [SECRET_KEY],
  models: { structured: 'claude-haiku-4-5', legacy: 'claude-3-5-haiku-20241022' },
});

describe('the anthropic adapter', () => {
  let server: LlmTestServer;

  beforeAll(async () => {
    server = await startAnthropicServer();
  });
  afterAll(() => server.close());
  beforeEach(() => isolateSdkEnvironment());
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('posts to /v1/messages with the key as a Bearer token', async () => {
    // The SDK warns on every call that the default model is deprecated.
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    server.script({ kind: 'json', value: INVOICE });
    const model = createAnthropicModel({
      credential: new AnthropicCredential({ apiKey: SECRET_KEY }),
      baseURL: server.url,
    });
    expect(model).toMatchObject({ provider: 'anthropic', modelId: DEFAULT_ANTHROPIC_MODEL });
    await model.extract(invoiceRequest());
    expect(server.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: '/v1/messages',
      auth: 'Bearer',
      body: { model: 'claude-sonnet-5-5' },
    });
  });

  it('keeps a key a proxy echoes out of the error, even one not shaped like a key', async () => {
    const key = 'SECRETproxyToken4f1c9e';
    server.script({ kind: 'status', status: 401 });
    const model = createAnthropicModel({
      model: 'claude-haiku-4-5',
      credential: new AnthropicCredential({ apiKey: key }),
      baseURL: server.url,
    });
    const error = (await rejectionOf(model.extract(invoiceRequest()))) as Error;
    expect(error.message).toMatch(
      /^Anthropic answered HTTP 401: Invalid key: \[redacted\]\. Check the API key/,
    );
    expect(error.message).not.toContain(key);
  });

  it('reads ANTHROPIC_API_KEY and ANTHROPIC_BASE_URL when the config leaves them out', async () => {
    vi.stubEnv('ANTHROPIC_API_KEY', SECRET_KEY);
    vi.stubEnv('ANTHROPIC_BASE_URL', server.url);
    server.script({ kind: 'json', value: INVOICE });
    const model = createAnthropicModel({ model: 'claude-haiku-4-5' });
    expect(await model.extract(invoiceRequest())).toMatchObject({ finishReason: 'stop' });
    expect(server.requests.at(-1)?.auth).toBe('Bearer');
  });

  it('refuses to be created without a key, saying how to set one, so nothing is read or paid for first', () => {
    const calls = server.requests.length;
    let error: unknown;
    try {
      createAnthropicModel({ baseURL: server.url });
    } catch (thrown) {
      error = thrown;
    }
    expect(ConfigError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ option: 'LLMExtractionConfig.credential' });
    expect((error as ConfigError).message).toMatch(
      /^The anthropic provider needs an API key; set ANTHROPIC_API_KEY, or pass .*AnthropicCredential/,
    );
    expect(server.requests).toHaveLength(calls);
  });

  it('is created with a key from the credential or ANTHROPIC_API_KEY, an empty variable counting as none', () => {
    vi.stubEnv('ANTHROPIC_API_KEY', '');
    expect(() => createAnthropicModel({})).toThrow(/set ANTHROPIC_API_KEY/);
    const credential = new AnthropicCredential({ apiKey: SECRET_KEY });
    expect(createAnthropicModel({ credential }).provider).toBe('anthropic');
    vi.stubEnv('ANTHROPIC_API_KEY', SECRET_KEY);
    expect(createAnthropicModel({}).provider).toBe('anthropic');
  });

  it('refuses a plain http:// ANTHROPIC_BASE_URL to a remote host, which would send the key in clear', async () => {
    vi.stubEnv('ANTHROPIC_API_KEY', SECRET_KEY);
    vi.stubEnv('ANTHROPIC_BASE_URL', 'http://llm.example.com');
    const model = createAnthropicModel({});
    const error = await rejectionOf(model.extract(invoiceRequest()));
    expect(error).toMatchObject({ name: 'ConfigError', option: 'environment.ANTHROPIC_BASE_URL' });
  });

  it('rejects a credential of another provider at construction', () => {
    const credential = new BedrockCredential({ accessKeyId: 'AKIATEST', secretAccessKey: 'secret' });
    expect(() => createAnthropicModel({ credential: credential as never })).toThrow(
      /must be an AnthropicCredential for the anthropic provider/,
    );
  });

  it('rejects the json-object output mode of a config at construction', () => {
    const config = new LLMExtractionConfig({ provider: 'anthropic', outputMode: 'json-object' });
    expect(() => resolveExtractionModel(config)).toThrow(
      expect.objectContaining({ name: 'ConfigError', option: 'LLMExtractionConfig.outputMode' }),
    );
  });

  it("reports the model's context window (1M from Claude 5, 200K before) and structured output by mode", () => {
    vi.stubEnv('ANTHROPIC_API_KEY', SECRET_KEY);
    expect(createAnthropicModel({}).capabilities).toEqual({
      structuredOutput: true,
      images: true,
      pdf: true,
      contextTokens: 1_000_000,
      promptCaching: true,
    });
    expect(createAnthropicModel({ model: 'claude-haiku-4-5' }).capabilities.contextTokens).toBe(200_000);
    const tool = createAnthropicModel({ model: 'claude-haiku-4-5', outputMode: 'tool' });
    expect(tool.capabilities).toMatchObject({ contextTokens: 200_000, structuredOutput: false });
  });
});
