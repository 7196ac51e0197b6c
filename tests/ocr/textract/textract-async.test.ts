import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadDocument } from '../../../src/document/load.js';
import { ProviderError } from '../../../src/index.js';
import { validateOcrDocument } from '../../../src/testing/index.js';
import {
  recordedResponse,
  replay,
  startTextractServer,
  type TextractServer,
} from '../../support/textract-server.js';
import { blockCounts, recordedBlocks, textractAt } from './textract-fixtures.js';

const FIXTURES = new URL('../../fixtures/', import.meta.url);
const load = (path: string) => loadDocument(new URL(path, FIXTURES));
const MULTIPAGE = 'textractor-multipage-doc.pdf.GetDocumentAnalysis.FORMS_TABLES.json';
const ASYNC = {
  s3: { bucket: 'docs', prefix: 'in/' },
  pollIntervalMs: 1,
  features: ['TABLES', 'FORMS'],
} as const;

let server: TextractServer;
const s3Endpoint = process.env.AWS_ENDPOINT_URL_S3;
beforeAll(async () => {
  server = await startTextractServer();
  // The S3 client finds the local server as users point it at theirs: through the variable the SDK honours.
  process.env.AWS_ENDPOINT_URL_S3 = server.endpoint;
});
afterAll(async () => {
  if (s3Endpoint === undefined) delete process.env.AWS_ENDPOINT_URL_S3;
  else process.env.AWS_ENDPOINT_URL_S3 = s3Endpoint;
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
  server.s3Requests.length = 0;
  server.answer('StartDocumentAnalysis', { json: { JobId: 'job-1' } });
});

/** A recorded result cut into two result pages joined by a NextToken, as Textract pages long results. */
function paginated(name: string): [Record<string, unknown>, Record<string, unknown>] {
  const response = recordedResponse(name);
  const blocks = response.Blocks as unknown[];
  const half = Math.floor(blocks.length / 2);
  return [
    { ...response, Blocks: blocks.slice(0, half), NextToken: 'page-2' },
    { ...response, Blocks: blocks.slice(half) },
  ];
}

describe('the textract provider with an S3 location', () => {
  it('starts one job on the S3 object, polls it to completion and follows NextToken', async () => {
    const [first, second] = paginated(MULTIPAGE);
    server.answer(
      'GetDocumentAnalysis',
      replay('GetDocumentAnalysis.IN_PROGRESS.json'),
      { json: first },
      {
        json: second,
      },
    );
    const ocr = textractAt(server.endpoint, ASYNC);

    const document = await load('documents/textractor-multipage-doc.pdf');
    const result = await ocr.recognize(document, {});

    const key = `in/${document.id}/textractor-multipage-doc.pdf`;
    expect(server.s3Requests).toEqual([
      { method: 'PUT', bucket: 'docs', key, bytes: document.bytes?.length },
      { method: 'DELETE', bucket: 'docs', key, bytes: 0 },
    ]);
    expect(server.requests.map((request) => request.api)).toEqual([
      'StartDocumentAnalysis',
      'GetDocumentAnalysis',
      'GetDocumentAnalysis',
      'GetDocumentAnalysis',
    ]);
    expect(server.requests[0]?.body).toEqual({
      DocumentLocation: { S3Object: { Bucket: 'docs', Name: key } },
      FeatureTypes: ['TABLES', 'FORMS'],
    });
    expect(server.requests.slice(1).map((request) => request.body)).toEqual([
      { JobId: 'job-1' },
      { JobId: 'job-1' },
      { JobId: 'job-1', NextToken: 'page-2' },
    ]);
    expect(validateOcrDocument(result.document)).toEqual([]);
    expect(result.document.pages.map((page) => [page.lines.length, page.words, page.tables.length])).toEqual(
      blockCounts(recordedBlocks(MULTIPAGE)).map((counts) => [
        counts.lines,
        counts.words,
        counts.tables.length,
      ]),
    );
    expect(result.usage).toEqual({ pages: 2, costUsd: 0.13 });
    expect(result.warnings).toEqual([]);
  });

  it('keeps the pages asked for and warns that Textract billed them all', async () => {
    server.answer('GetDocumentAnalysis', replay(MULTIPAGE));
    const ocr = textractAt(server.endpoint, ASYNC);

    const result = await ocr.recognize(await load('documents/textractor-multipage-doc.pdf'), { pages: [2] });

    expect(result.document.pages.map((page) => page.pageNumber)).toEqual([2]);
    expect(result.usage.pages).toBe(2);
    expect(result.warnings.map((warning) => warning.code)).toEqual(['textract-all-pages-billed']);
  });

  it('maps a scanned PDF (a photographed page, a scan) with its boxes inside the page', async () => {
    const response = 'geofinder-scanned-form.pdf.GetDocumentAnalysis.FORMS_TABLES.json';
    server.answer('GetDocumentAnalysis', replay(response));
    const ocr = textractAt(server.endpoint, ASYNC);

    const result = await ocr.recognize(await load('pdfs/geofinder-scanned-form.pdf'), {});

    expect(validateOcrDocument(result.document)).toEqual([]);
    expect(result.document.pages.map((page) => page.lines.length)).toEqual(
      blockCounts(recordedBlocks(response)).map((counts) => counts.lines),
    );
    expect(result.document.pages.map((page) => page.unit)).toEqual(['point', 'point']);
    // The PDF turns the landscape photo onto an upright page, so Textract reads both pages upright.
    expect(result.document.pages.map((page) => page.angle)).toEqual([0, 0]);
  });

  it('reports PARTIAL_SUCCESS as a warning per page Textract skipped', async () => {
    server.answer('GetDocumentAnalysis', {
      json: {
        ...recordedResponse(MULTIPAGE),
        JobStatus: 'PARTIAL_SUCCESS',
        Warnings: [{ ErrorCode: 'PAGE_UNREADABLE', Pages: [2] }],
      },
    });
    const ocr = textractAt(server.endpoint, ASYNC);

    const result = await ocr.recognize(await load('documents/textractor-multipage-doc.pdf'), {});

    expect(result.warnings).toEqual([expect.objectContaining({ code: 'textract-page-warning', page: 2 })]);
    expect(result.warnings[0]?.message).toContain('PAGE_UNREADABLE');
  });

  it('fails with the status message when the job FAILED', async () => {
    server.answer('GetDocumentAnalysis', replay('GetDocumentAnalysis.FAILED.json'));
    const ocr = textractAt(server.endpoint, ASYNC);

    const error = await ocr
      .recognize(await load('documents/textractor-multipage-doc.pdf'), {})
      .catch((e) => e);

    expect(ProviderError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ provider: 'aws.textract', retryable: false });
    expect(error.message).toContain('Dummy Status Message');
  });

  it('stops polling when the signal aborts', async () => {
    server.answer('GetDocumentAnalysis', replay('GetDocumentAnalysis.IN_PROGRESS.json'));
    const ocr = textractAt(server.endpoint, { ...ASYNC, pollIntervalMs: 50 });
    const controller = new AbortController();
    const reason = new Error('stopped by the test');

    const recognition = ocr.recognize(await load('documents/textractor-multipage-doc.pdf'), {
      signal: controller.signal,
    });
    await expect.poll(() => server.requests.length).toBeGreaterThanOrEqual(2);
    controller.abort(reason);

    await expect(recognition).rejects.toBe(reason);
  });

  it('sends images to the synchronous API even with an S3 location', async () => {
    server.answer('AnalyzeDocument', replay('single-page-1.png.AnalyzeDocument.FORMS_TABLES.json'));
    const ocr = textractAt(server.endpoint, ASYNC);

    await ocr.recognize(await load('documents/single-page-1.png'), {});

    expect(server.requests.map((request) => request.api)).toEqual(['AnalyzeDocument']);
  });
});
