/**
 * The `textract` OCR provider: Amazon Textract through `@aws-sdk/client-textract`.
 *
 * @module
 */
import { DEFAULT_DOCUMENT_LIMITS } from '../../document/limits.js';
import type { OcrProvider } from '../../spec/ocr-provider.js';
import { priceKey, textractCostUsd } from './pricing.js';
import { recognizeAsync } from './recognize-async.js';
import { recognizeSync } from './recognize-sync.js';
import { openS3Staging, type S3Staging } from './s3-staging.js';
import { openTextractSession, type TextractSession } from './textract-client.js';
import { textractInput } from './textract-limits.js';
import { resolveTextractSettings, type TextractOcrSettings } from './textract-settings.js';

const PROVIDER = 'aws.textract';

/**
 * An OCR provider on Amazon Textract (`@aws-sdk/client-textract`, imported on the first request):
 * DetectDocumentText without features, AnalyzeDocument with `settings.features` (and `settings.queries`),
 * AnalyzeExpense with `model: 'expense'`. PDFs are split and sent page by page, `settings.concurrency` at a time;
 * with `settings.s3`, PDFs and TIFFs are uploaded and read by one asynchronous job. Requests go through
 * `settings.client` when given, else a client made from `region`, `endpoint` and `credential`. Its `modelId`
 * names the API and features, e.g. `textract/AnalyzeDocument:TABLES+FORMS`, and its usage prices pages with
 * {@link TEXTRACT_PRICE_PER_PAGE} and `settings.pricePerPage`. In a pipeline, `OCRConfig` options of the same
 * names fill the settings.
 *
 * @example
 * ```ts
 * const textract = createTextractOcr({ region: 'eu-west-1', features: ['TABLES', 'FORMS'] });
 * const pipeline = linearPipeline({ jsonSchema, ocr: new OCRConfig({ provider: textract }) });
 * // Or with a client of your own (make it with maxAttempts: 1: docpipe retries):
 * createTextractOcr({ client: new TextractClient({ region: 'eu-west-1', maxAttempts: 1 }) });
 * ```
 * @throws {@link ConfigError} when the model is not `'document'` or `'expense'`, a setting is invalid, the
 * credential is not an `AwsCredential`, or no region is found for a client docpipe makes (in the settings,
 * `AWS_REGION`, `AWS_DEFAULT_REGION` or the AWS profile); `recognize` throws `ConfigError` for missing
 * credentials, `InputError` for a document over Textract's limits, and `ProviderError` when Textract fails
 * (`retryable` for throttling, 5xx and timeouts).
 */
export function createTextractOcr(settings: TextractOcrSettings = {}): OcrProvider {
  const resolved = resolveTextractSettings(settings);
  const { operation, warnings, s3 } = resolved;
  let session: Promise<TextractSession> | undefined;
  let staging: Promise<S3Staging> | undefined;
  const stagingFor = (location: { readonly bucket: string }): Promise<S3Staging> => {
    staging ??= openS3Staging(
      { bucket: location.bucket, region: resolved.region, client: resolved.s3Client },
      resolved.credentials,
    );
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
      session ??= openTextractSession(resolved);
      const run = {
        session: await session,
        operation,
        document,
        bytes,
        mediaType,
        pages: options.pages,
        limits: options.limits ?? DEFAULT_DOCUMENT_LIMITS,
        signal: options.signal,
        onProgress: options.onProgress,
        callProvider: options.callProvider ?? (<T>(request: () => Promise<T>) => request()),
        callProviderOnce:
          options.callProviderOnce ??
          (async <T>(_identity: unknown, request: () => Promise<T>) => ({
            answer: await request(),
            reused: false,
          })),
      };
      // Images are one page: the synchronous API reads them whole even when an S3 location is set.
      const result =
        s3 === undefined || mediaType === 'image/png' || mediaType === 'image/jpeg'
          ? await recognizeSync(run, resolved.concurrency)
          : // One job reads the whole document: it is one request to retry.
            await run.callProvider(async () =>
              recognizeAsync(run, {
                s3,
                staging: await stagingFor(s3),
                pollIntervalMs: resolved.pollIntervalMs,
              }),
            );
      const costUsd = textractCostUsd(operation, result.billedPages, resolved.pricePerPage);
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
