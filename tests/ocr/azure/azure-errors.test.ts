import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '../../../src/index.js';
import { createAzureOcr } from '../../../src/ocr/azure/index.js';
import {
  type AzureFault,
  type AzureServer,
  startAzureServer,
  TEST_AZURE_KEY,
} from '../../support/azure-server.js';
import { azureSettings, formPhoto, RECORDINGS, recording } from './azure-fixtures.js';

let server: AzureServer;

beforeAll(async () => {
  server = await startAzureServer();
});
afterAll(() => server.close());

async function failure(fault: AzureFault, apiVersion: '2024-11-30' | '2023-07-31'): Promise<ProviderError> {
  server.script({ result: await recording(RECORDINGS.markdown), fault });
  const ocr = createAzureOcr(azureSettings(server.endpoint, { apiVersion }));
  const error = await ocr.recognize(await formPhoto(), {}).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(ProviderError.isInstance(error)).toBe(true);
  const providerError = error as ProviderError;
  expect(providerError.provider).toBe('azure.document-intelligence');
  expect(`${providerError.message} ${JSON.stringify(providerError)}`).not.toContain(TEST_AZURE_KEY);
  return providerError;
}

describe.each(['2024-11-30', '2023-07-31'] as const)('Azure failures with API %s', (apiVersion) => {
  it('a 429 is retryable after the Retry-After the service asked for', async () => {
    const error = await failure({ kind: 'throttled', retryAfterSeconds: 7 }, apiVersion);
    expect(error).toMatchObject({ status: 429, retryable: true, retryAfterMs: 7000 });
  });

  it('a 500 is retryable', async () => {
    const error = await failure({ kind: 'server-error' }, apiVersion);
    expect(error).toMatchObject({ status: 500, retryable: true });
  });

  it('a reset connection is retryable', async () => {
    const error = await failure({ kind: 'reset' }, apiVersion);
    expect(error).toMatchObject({ retryable: true });
  });

  it('a 401 is permanent and says to check the key, without showing it', async () => {
    const error = await failure({ kind: 'unauthorized' }, apiVersion);
    expect(error).toMatchObject({ status: 401, retryable: false });
    expect(error.message).toMatch(/invalid subscription key.*AZURE_DOCUMENT_INTELLIGENCE_KEY/s);
  });

  it('a 404 for an unknown model is permanent and names the model', async () => {
    const error = await failure({ kind: 'model-not-found' }, apiVersion);
    expect(error).toMatchObject({ status: 404, retryable: false });
    expect(error.message).toMatch(/ModelNotFound.*prebuilt-layout.*OCRConfig\.model/s);
  });

  it('a 400 for unreadable content is permanent with the service message', async () => {
    const error = await failure({ kind: 'invalid-content' }, apiVersion);
    expect(error).toMatchObject({ status: 400, retryable: false });
    expect(error.message).toMatch(/InvalidContent The file is corrupted/);
  });

  it('an operation that ends as failed is permanent with the service message', async () => {
    const error = await failure(
      {
        kind: 'failed',
        code: 'InvalidContentDimensions',
        message: 'The input image dimensions are out of range.',
      },
      apiVersion,
    );
    expect(error).toMatchObject({ retryable: false });
    expect(error.message).toMatch(/InvalidContentDimensions The input image dimensions are out of range/);
  });

  it('an abort while polling rejects with the caller reason', async () => {
    server.script({
      result: await recording(RECORDINGS.markdown),
      fault: { kind: 'slow-poll', delayMs: 5000 },
    });
    const ocr = createAzureOcr(azureSettings(server.endpoint, { apiVersion }));
    const controller = new AbortController();
    const reason = new Error('the user gave up');
    const polled = new Promise<void>((resolve) => {
      const watch = setInterval(() => {
        if (server.requests.some((request) => request.method === 'GET')) {
          clearInterval(watch);
          resolve();
        }
      }, 2);
    });

    const recognition = ocr.recognize(await formPhoto(), { signal: controller.signal });
    await polled;
    controller.abort(reason);

    await expect(recognition).rejects.toBe(reason);
  });
});
