/**
 * `createAzureOcr` as users call it: its settings, a key, and an HTTP client of their own under the SDK, handed to
 * `OCRConfig` as the provider of a pipeline, against the local Azure server.
 */
import { createDefaultHttpClient, type PipelineRequest } from '@azure/core-rest-pipeline';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type AzureOcrSettings,
  createAzureOcr,
  linearPipeline,
  OCRConfig,
  Stage,
} from '../../../src/index.js';
import { type AzureServer, startAzureServer, TEST_AZURE_KEY } from '../../support/azure-server.js';
import { RECORDINGS, recording } from './azure-fixtures.js';

const FORM_PHOTO = new URL('../../fixtures/azure-di/bcgov-hr0081/1_81.jpg', import.meta.url);

let server: AzureServer;
beforeAll(async () => {
  server = await startAzureServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

/** The SDKs' own Node HTTP client, recording each request it sends. */
function recordingHttpClient(): { sent: string[]; httpClient: NonNullable<AzureOcrSettings['httpClient']> } {
  const inner = createDefaultHttpClient();
  const sent: string[] = [];
  const sendRequest = (request: PipelineRequest) => {
    sent.push(`${request.method} ${new URL(request.url).pathname}`);
    return inner.sendRequest(request);
  };
  return { sent, httpClient: { sendRequest } };
}

async function readWith(settings: AzureOcrSettings) {
  const provider = createAzureOcr({ endpoint: server.endpoint, pollIntervalMs: 5, ...settings });
  const pipeline = linearPipeline({ stages: [Stage.OCR], cache: false, ocr: new OCRConfig({ provider }) });
  try {
    return await pipeline.run(FORM_PHOTO);
  } finally {
    await pipeline.close();
  }
}

describe('createAzureOcr as the provider of an OCRConfig', () => {
  it('reads a page with an API key, markdown kept by default', async () => {
    server.script({ result: await recording(RECORDINGS.markdown) });

    const result = await readWith({ apiKey: TEST_AZURE_KEY });

    expect(result.stages.ocr?.provider).toBe('azure.document-intelligence');
    expect(result.stages.ocr?.pages).toHaveLength(1);
    expect(result.stages.ocr?.markdown).toContain('# 1. Since your last declaration:');
    expect(server.requests[0]).toMatchObject({
      path: '/documentintelligence/documentModels/prebuilt-layout:analyze',
      apiVersion: '2024-11-30',
      query: { outputContentFormat: 'markdown' },
      authenticated: true,
    });
    expect(result.warnings).toEqual([]);
  });

  it.each([
    ['2024-11-30', 'prebuilt-layout', RECORDINGS.markdown, 'documentintelligence'],
    ['2023-07-31', 'prebuilt-invoice', RECORDINGS.legacyInvoice, 'formrecognizer'],
  ] as const)(
    'sends every request of API %s through the httpClient it is given',
    async (apiVersion, model, name, route) => {
      server.script({ result: await recording(name) });
      const { sent, httpClient } = recordingHttpClient();

      const result = await readWith({ apiKey: TEST_AZURE_KEY, apiVersion, model, httpClient });

      expect(result.stages.ocr?.pages.length).toBeGreaterThan(0);
      expect(sent.length).toBe(server.requests.length);
      expect(sent[0]).toBe(`POST /${route}/documentModels/${model}:analyze`);
      expect(
        sent
          .slice(1)
          .every((request) => request.startsWith(`GET /${route}/documentModels/${model}/analyzeResults/`)),
      ).toBe(true);
    },
  );

  it('checks what OCRConfig would have checked', () => {
    expect(() => createAzureOcr({ endpoint: 'http://azure.example.com', apiKey: 'k' })).toThrow(
      /OCRConfig\.endpoint/,
    );
    expect(() => createAzureOcr({ endpoint: server.endpoint, apiKey: 'k', pollIntervalMs: 0 })).toThrow(
      /OCRConfig\.pollIntervalMs/,
    );
  });
});
