import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { invoiceRequest, isolateSdkEnvironment, rejectionOf } from './messages-fixtures.js';

beforeEach(() => isolateSdkEnvironment());
afterEach(() => {
  vi.unstubAllEnvs();
  vi.doUnmock('@anthropic-ai/sdk');
  vi.resetModules();
});

it('imports @anthropic-ai/sdk on the first extraction, not when the model is created', async () => {
  vi.resetModules();
  const imported = vi.fn();
  vi.doMock('@anthropic-ai/sdk', async (importOriginal) => {
    imported();
    return importOriginal();
  });
  const { createAnthropicModel } = await import('../../../src/llm/anthropic/index.js');
  const { AnthropicCredential } = await import('../../../src/credentials.js');

  const model = createAnthropicModel({
    model: 'claude-haiku-4-5',
    credential: new AnthropicCredential({ apiKey: 'sk-ant-test-key' }),
    // Nothing listens here: the call fails, after the import.
    baseURL: 'http://127.0.0.1:9',
  });
  expect(imported).not.toHaveBeenCalled();
  await rejectionOf(model.extract(invoiceRequest()));
  expect(imported).toHaveBeenCalledOnce();
});
