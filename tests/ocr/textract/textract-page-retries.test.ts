/**
 * Retries at the Textract request, not the stage: the real AWS SDK against a local server that fails one page
 * of a 5-page PDF once. That page is asked again alone; the four read already are not sent (or billed) again.
 * A page that fails for good leaves the pages read before it in the `StageError`, and a run given them reads
 * only the rest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsCredential, linearPipeline, OCRConfig, Stage, StageError } from '../../../src/index.js';
import { faults, replay, startTextractServer, type TextractServer } from '../../support/textract-server.js';

const FIVE_PAGES = new URL('../../fixtures/pdfs/bcgov-monthly-report.pdf', import.meta.url);

let server: TextractServer;
beforeAll(async () => {
  server = await startTextractServer();
});
afterAll(() => server.close());

function textractPipeline(concurrency: number) {
  return linearPipeline({
    stages: [Stage.OCR],
    cache: false,
    ocr: new OCRConfig({
      provider: 'textract',
      endpoint: server.endpoint,
      region: 'us-east-1',
      credential: new AwsCredential({ accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' }),
      concurrency,
      retry: { initialDelayMs: 1, maxDelayMs: 5 },
    }),
  });
}

describe('a Textract page request that fails once with 500', () => {
  it('is sent again alone: 5 pages, 6 requests, every page read', async () => {
    const page = replay('single-page-1.png.DetectDocumentText.json');
    // Answers go out in the order requests arrive: the fourth request fails, whichever page it is.
    server.answer('DetectDocumentText', page, page, page, faults.internalError, page);
    const before = server.requests.length;
    const pipeline = textractPipeline(1);
    const retries: unknown[] = [];
    pipeline.on('retry', ({ error }) => retries.push(error));
    const result = await pipeline.run(FIVE_PAGES);
    expect(server.requests.length - before).toBe(6);
    expect(retries).toHaveLength(1);
    expect(result.stages.ocr?.pages.map((p) => p.pageNumber)).toEqual([1, 2, 3, 4, 5]);
    // Billed as read: five pages, not nine.
    expect(result.usage.pages).toBe(5);
    await pipeline.close();
  });
});

describe('a Textract page request that fails for good', () => {
  it('keeps the pages read before it, and a run given them reads only the pages left', async () => {
    const page = replay('single-page-1.png.DetectDocumentText.json');
    const error = faults.internalError;
    server.answer('DetectDocumentText', page, page, page, error, error, error);
    const pipeline = textractPipeline(1);
    const failure = await pipeline.run(FIVE_PAGES).catch((thrown: unknown) => thrown);
    expect(StageError.isInstance(failure)).toBe(true);
    const { answeredCalls } = failure as StageError;
    expect(answeredCalls).toHaveLength(3);

    server.answer('DetectDocumentText', page, page);
    const before = server.requests.length;
    const result = await pipeline.run(FIVE_PAGES, { answeredCalls });
    expect(server.requests.length - before).toBe(2);
    expect(result.stages.ocr?.pages.map((p) => p.pageNumber)).toEqual([1, 2, 3, 4, 5]);
    // Billed for what was read now: pages 4 and 5.
    expect(result.usage.pages).toBe(2);
    await pipeline.close();
  });
});
