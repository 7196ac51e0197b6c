import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { type OpenAIServer, startOpenAIServer } from '../../support/openai-server.js';
import { invoiceRequest, modelAt } from './openai-fixtures.js';

const sdk = vi.hoisted(() => ({ imports: 0, clients: 0 }));

// Counts imports of the SDK and clients built, around the real SDK.
vi.mock('openai', async (importOriginal) => {
  sdk.imports++;
  const actual = await importOriginal<typeof import('openai')>();
  class CountedOpenAI extends actual.OpenAI {
    constructor(...args: ConstructorParameters<typeof actual.OpenAI>) {
      super(...args);
      sdk.clients++;
    }
  }
  return { ...actual, OpenAI: CountedOpenAI, default: CountedOpenAI };
});

let server: OpenAIServer;

beforeAll(async () => {
  server = await startOpenAIServer();
});
afterAll(() => server.close());

it('imports the SDK on the first extract, not at construction, and builds one client per model', async () => {
  const model = modelAt(server.url);
  expect(sdk.imports).toBe(0);

  server.script({ kind: 'json', value: {} }, { kind: 'json', value: {} });
  await model.extract(invoiceRequest());
  await model.extract(invoiceRequest());

  expect(sdk).toEqual({ imports: 1, clients: 1 });
});
