/**
 * The `textract` OCR provider: Amazon Textract through `@aws-sdk/client-textract`.
 *
 * @module
 */
import { DEFAULT_DOCUMENT_LIMITS } from '../../document/limits.js';
import type { OcrProvider } from '../../spec/ocr-provider.js';
import type { OCRConfig } from '../../stages/ocr-config.js';
import { priceKey, textractCostUsd } from './pricing.js';
import { recognizeAsync } from './recognize-async.js';
import { recognizeSync } from './recognize-sync.js';
import { openS3Staging, type S3Staging } from './s3-staging.js';
import {
  awsCredentials,
  openTextractSession,
  type TextractClientSettings,
  type TextractSession,
  textractRegion,
} from './textract-client.js';
import { textractInput } from './textract-limits.js';
import { textractOperation } from './textract-request.js';

const PROVIDER = 'aws.textract';

/** Settings of {@link createTextractProvider} that `OCRConfig` does not carry. */
export type TextractProviderSettings = TextractClientSettings;

/**
 * The 'textract' OCR provider: DetectDocumentText without features, AnalyzeDocument with `config.features`
 * (and `config.queries`), AnalyzeExpense with `model: 'expense'`. PDFs are split and sent page by page,
 * `config.concurrency` at a time; with `config.s3` PDFs and TIFFs run as one asynchronous job on the object
 * `s3://<bucket>/<prefix><document name>`, which you upload first. Its `modelId` names the API and features,
 * e.g. `textract/AnalyzeDocument:TABLES+FORMS`, and its usage prices pages with {@link TEXTRACT_PRICE_PER_PAGE}
 * and `config.pricePerPage`.
 *
 * @example
 * ```ts
 * const ocr = createTextractProvider(new OCRConfig({ provider: 'textract', features: ['TABLES', 'FORMS'] }));
 * const { document, usage } = await ocr.recognize(await loadDocument('invoice.pdf'), {});
 * await ocr.close?.();
 * ```
 * @throws {@link ConfigError} when `config.model` is not `'document'` or `'expense'`, or no region is set
 * (see {@link textractRegion}); `recognize` throws `ConfigError` for missing credentials, `InputError` for a document over Textract's limits, and
 * `ProviderError` when Textract fails (`retryable` for throttling, 5xx and timeouts).
 */
export function createTextractProvider(
  config: OCRConfig,
  settings: TextractProviderSettings = {},
): OcrProvider {
  const { operation, warnings } = textractOperation(config);
  // Checked now, so a pipeline without a region fails before any document is read.
  const region = textractRegion(config);
  let session: Promise<TextractSession> | undefined;
  let staging: Promise<S3Staging> | undefined;
  const stagingFor = (s3: { readonly bucket: string }): Promise<S3Staging> => {
    staging ??= openS3Staging({ bucket: s3.bucket, region }, awsCredentials(config));
    return staging;
  };
  return {
    specificationVersion: 'v1',
    provider: PROVIDER,
    modelId: `textract/${priceKey(operation)}`,
    // Each page of a PDF is a request of its own: retried alone, and rate-limited as one.
    routesRequests: true,
    async recognize(document, options) {
      options.signal?.throwIfAborted();
      const { bytes, mediaType } = textractInput(document);
      session ??= openTextractSession(config, settings, region);
      const run = {
        session: await session,
        operation,
        document,
        bytes,
        mediaType,
        pages: options.pages ?? config.pages,
        limits: options.limits ?? DEFAULT_DOCUMENT_LIMITS,
        signal: options.signal,
        onProgress: options.onProgress,
        callProvider: options.callProvider ?? (<T>(request: () => Promise<T>) => request()),
      };
      // Images are one page: the synchronous API reads them whole even when an S3 location is set.
      const { s3 } = config;
      const result =
        s3 === undefined || mediaType === 'image/png' || mediaType === 'image/jpeg'
          ? await recognizeSync(run, config.concurrency)
          : // One job reads the whole document: it is one request to retry.
            await run.callProvider(async () =>
              recognizeAsync(run, {
                s3,
                staging: await stagingFor(s3),
                pollIntervalMs: config.pollIntervalMs,
              }),
            );
      const costUsd = textractCostUsd(operation, result.billedPages, config.pricePerPage);
      return {
        document: { provider: PROVIDER, pages: result.pages },
        usage: { pages: result.billedPages, ...(costUsd === undefined ? {} : { costUsd }) },
        raw: result.raw,
        warnings: [...warnings, ...result.warnings],
      };
    },
    async close() {
      const opened = [session, staging];
      session = undefined;
      staging = undefined;
      for (const client of await Promise.all(opened.map((p) => p?.catch(() => undefined)))) client?.destroy();
    },
  };
}
