import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadDocument } from '../../../src/document/load.js';
import { ConfigError, InputError, ProviderError } from '../../../src/index.js';
import {
  faults,
  replay,
  startTextractServer,
  type TextractAnswer,
  type TextractServer,
} from '../../support/textract-server.js';
import { TEST_ACCESS_KEY_ID, TEST_SECRET, textractAt } from './textract-fixtures.js';

const FIXTURES = new URL('../../fixtures/', import.meta.url);
const image = () => loadDocument(new URL('documents/single-page-1.png', FIXTURES));

let server: TextractServer;
beforeAll(async () => {
  server = await startTextractServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

async function failure(answer: TextractAnswer, settings = {}): Promise<unknown> {
  server.answer('DetectDocumentText', answer);
  const ocr = textractAt(server.endpoint, settings);
  return ocr.recognize(await image(), {}).then(
    () => expect.unreachable('recognize should have failed'),
    (error: unknown) => error,
  );
}

const CASES: readonly [string, TextractAnswer, Record<string, unknown>][] = [
  ['throttling', faults.throttling, { retryable: true, status: 400 }],
  [
    'HTTP 429 with Retry-After',
    faults.tooManyRequests(7),
    { retryable: true, status: 429, retryAfterMs: 7000 },
  ],
  ['an internal error', faults.internalError, { retryable: true, status: 500 }],
  ['a reset connection', { resetConnection: true }, { retryable: true }],
  ['an invalid parameter', faults.invalidParameter, { retryable: false, status: 400 }],
  ['an unrecognized client', faults.unrecognizedClient, { retryable: false, status: 400 }],
  ['a bad signature', faults.invalidSignature, { retryable: false, status: 400 }],
];

describe('textract failures', () => {
  for (const [name, answer, expected] of CASES) {
    it(`maps ${name} to a ProviderError without a credential in its message`, async () => {
      const error = await failure(answer);

      expect(ProviderError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ provider: 'aws.textract', ...expected });
      const message = (error as Error).message;
      expect(message).not.toContain(TEST_SECRET);
      expect(message).not.toContain(TEST_ACCESS_KEY_ID);
      expect(JSON.stringify(error)).not.toContain(TEST_SECRET);
    });
  }

  it('does not retry inside the SDK: one request per failure', async () => {
    await failure(faults.throttling);

    expect(server.requests).toHaveLength(1);
  });

  it('keeps the vendor message of a permanent failure', async () => {
    const error = (await failure(faults.invalidParameter)) as Error;

    expect(error.message).toContain('InvalidParameterException: Request has invalid parameters');
  });

  it('maps a slow answer past the request timeout to a retryable ProviderError', async () => {
    const error = await failure(
      { delayMs: 500, answer: replay('single-page-1.png.DetectDocumentText.json') },
      { requestTimeoutMs: 50 },
    );

    expect(error).toMatchObject({ provider: 'aws.textract', retryable: true });
  });

  it('rejects with the abort reason when the signal aborts a slow answer', async () => {
    server.answer('DetectDocumentText', {
      delayMs: 2000,
      answer: replay('single-page-1.png.DetectDocumentText.json'),
    });
    const controller = new AbortController();
    const reason = new Error('stopped by the test');
    const recognition = textractAt(server.endpoint).recognize(await image(), { signal: controller.signal });
    await expect.poll(() => server.requests.length).toBe(1);

    controller.abort(reason);

    await expect(recognition).rejects.toBe(reason);
  });
});

describe('textract inputs and configuration', () => {
  it('refuses formats Textract does not read, before any request', async () => {
    const gif = { id: 'x', name: 'logo.gif', mediaType: 'image/gif' as const, bytes: new Uint8Array(8) };

    const error = await textractAt(server.endpoint)
      .recognize(gif, {})
      .catch((e: unknown) => e);

    expect(InputError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('convert it to PNG, JPEG, TIFF or PDF');
    expect(server.requests).toHaveLength(0);
  });

  it('refuses an image over 10 MB for the synchronous API, before any request', async () => {
    const document = { ...(await image()), bytes: new Uint8Array(10 * 1024 * 1024 + 1) };

    const error = await textractAt(server.endpoint)
      .recognize(document, {})
      .catch((e: unknown) => e);

    expect(InputError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain("over Textract's 10 MB limit");
    expect(server.requests).toHaveLength(0);
  });

  it('refuses an image over 10,000 pixels a side', async () => {
    const document = { ...(await image()), imageSize: { width: 12_000, height: 800 } };

    const error = await textractAt(server.endpoint)
      .recognize(document, {})
      .catch((e: unknown) => e);

    expect(InputError.isInstance(error)).toBe(true);
    expect(server.requests).toHaveLength(0);
  });

  it('rejects a model Textract does not have', () => {
    expect(() => textractAt(server.endpoint, { model: 'prebuilt-layout' })).toThrow(ConfigError);
  });

  it('warns that AnalyzeExpense ignores features', async () => {
    server.answer('AnalyzeExpense', replay('receipt.jpg.AnalyzeExpense.json'));
    const ocr = textractAt(server.endpoint, { model: 'expense', features: ['TABLES'] });

    const { warnings } = await ocr.recognize(
      await loadDocument(new URL('documents/receipt.jpg', FIXTURES)),
      {},
    );

    expect(warnings.map((warning) => warning.code)).toEqual(['textract-features-ignored']);
    expect(server.requests[0]?.body.FeatureTypes).toBeUndefined();
  });
});
