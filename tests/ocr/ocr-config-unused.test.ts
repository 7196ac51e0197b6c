/**
 * An `OCRConfig` option the named provider cannot use is never silently ignored: it comes back on the result as a
 * `config-unused` warning naming the option and the providers that do use it. Options left at (or set to) their
 * defaults say nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AwsCredential,
  linearPipeline,
  OCRConfig,
  type OCRConfigOptions,
  Stage,
  type Warning,
} from '../../src/index.js';
import { replay, startTextractServer, type TextractServer } from '../support/textract-server.js';

const SINGLE_PAGE = new URL('../fixtures/documents/single-page-1.png', import.meta.url);
const SMALL_SCAN = new URL('../fixtures/images/multicol-test-document.png', import.meta.url);

let server: TextractServer;
beforeAll(async () => {
  server = await startTextractServer();
  server.answer('DetectDocumentText', replay('single-page-1.png.DetectDocumentText.json'));
});
afterAll(() => server.close());

async function warningsOf(options: OCRConfigOptions, document: URL): Promise<Warning[]> {
  const pipeline = linearPipeline({ stages: [Stage.OCR], cache: false, ocr: new OCRConfig(options) });
  try {
    const result = await pipeline.run(document);
    expect(result.stages.ocr?.pages.length).toBeGreaterThan(0);
    return result.warnings.filter((warning) => warning.code === 'config-unused');
  } finally {
    await pipeline.close();
  }
}

const textract = (): OCRConfigOptions => ({
  provider: 'textract',
  region: 'us-east-1',
  endpoint: server.endpoint,
  credential: new AwsCredential({ accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' }),
});

describe('OCRConfig options the provider does not use', () => {
  it('warn for languages on textract, naming the providers that read them', async () => {
    expect(await warningsOf({ ...textract(), languages: ['deu'] }, SINGLE_PAGE)).toEqual([
      {
        code: 'config-unused',
        message:
          'OCRConfig.languages is set, but the textract provider does not use it; remove it, or choose a provider that does (auto, paddle, tesseract).',
      },
    ]);
  });

  it('warn for an S3 location on tesseract, naming textract', async () => {
    const options: OCRConfigOptions = { provider: 'tesseract', workers: 1, s3: { bucket: 'b' } };
    expect(await warningsOf(options, SMALL_SCAN)).toEqual([
      {
        code: 'config-unused',
        message:
          'OCRConfig.s3 is set, but the tesseract provider does not use it; remove it, or choose a provider that does (textract).',
      },
    ]);
  });

  it('say nothing when left at their defaults, or set to them', async () => {
    expect(await warningsOf(textract(), SINGLE_PAGE)).toEqual([]);
    expect(
      await warningsOf(
        { ...textract(), languages: ['eng'], dpi: 300, apiVersion: '2024-11-30' },
        SINGLE_PAGE,
      ),
    ).toEqual([]);
  });
});
