/**
 * `createTextractOcr` as users call it: its settings, or a client of their own, handed to `OCRConfig` as the
 * provider of a pipeline, against the local Textract server.
 */
import { TextractClient } from '@aws-sdk/client-textract';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTextractOcr, linearPipeline, OCRConfig, type OcrProvider, Stage } from '../../../src/index.js';
import { replay, startTextractServer, type TextractServer } from '../../support/textract-server.js';
import { TEST_ACCESS_KEY_ID, TEST_SECRET, testCredential } from './textract-fixtures.js';

const SINGLE_PAGE = new URL('../../fixtures/documents/single-page-1.png', import.meta.url);

let server: TextractServer;
beforeAll(async () => {
  server = await startTextractServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.answer('DetectDocumentText', replay('single-page-1.png.DetectDocumentText.json'));
});
afterEach(() => vi.unstubAllEnvs());

/** One page read by a pipeline whose OCR stage is `provider`. */
async function readWith(provider: OcrProvider) {
  const pipeline = linearPipeline({ stages: [Stage.OCR], cache: false, ocr: new OCRConfig({ provider }) });
  try {
    return await pipeline.run(SINGLE_PAGE);
  } finally {
    await pipeline.close();
  }
}

function localClient(): TextractClient {
  return new TextractClient({
    region: 'us-east-1',
    endpoint: server.endpoint,
    credentials: { accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET },
    maxAttempts: 1,
  });
}

describe('createTextractOcr as the provider of an OCRConfig', () => {
  it('reads a page through a client it makes from region, endpoint and credential', async () => {
    const provider = createTextractOcr({
      region: 'us-east-1',
      endpoint: server.endpoint,
      credential: testCredential(),
    });

    const result = await readWith(provider);

    expect(result.stages.ocr?.provider).toBe('aws.textract');
    expect(result.stages.ocr?.pages.map((page) => page.pageNumber)).toEqual([1]);
    expect(result.stages.ocr?.pages[0]?.lines.length).toBeGreaterThan(0);
    expect(server.requests.map((request) => request.api)).toEqual(['DetectDocumentText']);
    expect(result.warnings).toEqual([]);
  });

  it('reads a page through a client it is given, which its owner destroys', async () => {
    const client = localClient();
    const send = vi.spyOn(client, 'send');
    const destroy = vi.spyOn(client, 'destroy');
    server.answer('AnalyzeDocument', replay('single-page-1.png.AnalyzeDocument.FORMS_TABLES.json'));

    const result = await readWith(createTextractOcr({ client, features: ['TABLES', 'FORMS'] }));

    expect(result.stages.ocr?.pages[0]?.lines.length).toBeGreaterThan(0);
    expect(send).toHaveBeenCalledTimes(1);
    expect(server.requests[0]).toMatchObject({
      api: 'AnalyzeDocument',
      body: { FeatureTypes: ['TABLES', 'FORMS'] },
    });
    // Closing the pipeline closed the provider, but the client is the caller's.
    expect(destroy).not.toHaveBeenCalled();
    client.destroy();
  });

  it('needs no region of its own when given a client', () => {
    for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE']) vi.stubEnv(name, undefined);
    vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/aws-config');
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/aws-credentials');
    const client = localClient();

    expect(() => createTextractOcr()).toThrow(/needs a region/);
    expect(createTextractOcr({ client }).provider).toBe('aws.textract');
    // The asynchronous path stages documents with an S3 client: one docpipe makes needs the region.
    expect(() => createTextractOcr({ client, s3: { bucket: 'docs' } })).toThrow(/needs a region/);
    client.destroy();
  });

  it('fills in the defaults OCRConfig would: DetectDocumentText, 4 pages at once, the price table', async () => {
    const provider = createTextractOcr({ client: localClient() });

    expect(provider.modelId).toBe('textract/DetectDocumentText');
    const { usage } = await readWith(provider);
    expect(usage).toMatchObject({ pages: 1, costUsd: 0.0015 });
  });

  it('checks what OCRConfig would have checked', () => {
    const settings = { region: 'us-east-1' };
    expect(() => createTextractOcr({ ...settings, endpoint: 'http://textract.example.com' })).toThrow(
      /OCRConfig\.endpoint/,
    );
    expect(() => createTextractOcr({ ...settings, concurrency: 0 })).toThrow(/OCRConfig\.concurrency/);
    expect(() => createTextractOcr({ ...settings, features: ['QUERIES'] })).toThrow(/OCRConfig\.queries/);
  });
});
