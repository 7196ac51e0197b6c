/**
 * Textract's asynchronous APIs: one job over a whole PDF or TIFF in S3, polled to completion.
 *
 * @module
 */
import type { Block, ExpenseDocument } from '@aws-sdk/client-textract';
import type { Warning } from '../../spec/document.js';
import { messageOf, ProviderError } from '../../spec/errors.js';
import { selectPages } from '../pdf/select-pages.js';
import type { TextractPageFrame } from './map-textract-response.js';
import { mapTextractResult, rawTextractResponse } from './map-textract-result.js';
import { imageFrame, pdfFrame } from './page-frames.js';
import { openSplittablePdf } from './pdf-pages.js';
import type { S3Staging } from './s3-staging.js';
import { readTextractJob } from './textract-job.js';
import { assertAsyncLimits } from './textract-limits.js';
import { startRequest, textractApi } from './textract-request.js';
import { assertPageLimit, type TextractPages, type TextractRun } from './textract-run.js';

/** Where the asynchronous APIs read documents from, and how often a job is polled. */
export interface TextractAsyncSettings {
  readonly s3: { readonly bucket: string; readonly prefix?: string };
  readonly staging: S3Staging;
  readonly pollIntervalMs: number;
}

/**
 * Uploads the document to `s3://<bucket>/<prefix><document id>/<document name>` (the content's hash keeps two
 * files of one name apart), runs one job over it and deletes the object afterwards. Textract analyses (and
 * bills) every page; the pages asked for are kept.
 *
 * @throws {@link InputError} when the document is over Textract's async limits.
 * @throws {@link ProviderError} when the job cannot start or fails.
 */
export async function recognizeAsync(
  run: TextractRun,
  settings: TextractAsyncSettings,
): Promise<TextractPages> {
  const { document, bytes, signal } = run;
  const pdf = run.mediaType === 'application/pdf' ? await openSplittablePdf(bytes, document.name) : undefined;
  const pageCount = pdf?.pageCount ?? document.pageCount ?? 1;
  assertPageLimit(pageCount, run);
  assertAsyncLimits(bytes, pageCount, document.name);
  const selection = selectPages(pageCount, run.pages, document.name);
  // Textract bills every page of a job, so a job that would keep none of them is not started.
  if (selection.pages.length === 0)
    return { pages: [], billedPages: 0, raw: {}, warnings: selection.warnings };
  const wanted = new Set(selection.pages);
  const frameOf = (page: number): TextractPageFrame =>
    pdf === undefined ? imageFrame(document, bytes, page) : pdfFrame(pdf, page);

  const key = `${settings.s3.prefix ?? ''}${document.id}/${document.name}`;
  await settings.staging.upload(key, bytes, signal);
  const warnings: Warning[] = [...selection.warnings];
  try {
    return await runJob(run, settings, { key, pageCount, wanted, frameOf, warnings });
  } finally {
    await settings.staging.remove(key).catch((error: unknown) => {
      warnings.push({
        code: 's3-cleanup-failed',
        message: `The job's input s3://${settings.s3.bucket}/${key} could not be deleted (${messageOf(error)}); delete it yourself.`,
      });
    });
  }
}

async function runJob(
  run: TextractRun,
  settings: TextractAsyncSettings,
  job: {
    readonly key: string;
    readonly pageCount: number;
    readonly wanted: ReadonlySet<number>;
    readonly frameOf: (page: number) => TextractPageFrame;
    readonly warnings: Warning[];
  },
): Promise<TextractPages> {
  const { session, operation, signal } = run;
  const { key, pageCount, wanted, frameOf, warnings } = job;
  const api = textractApi(operation);
  const location = { S3Object: { Bucket: settings.s3.bucket, Name: key } };
  const { JobId } = await session.call(api.start, startRequest(operation, location), signal);
  if (JobId === undefined) {
    throw new ProviderError(`Textract ${api.start} answered without a JobId; try again.`, {
      provider: 'aws.textract',
      retryable: true,
    });
  }
  const results = await readTextractJob(session, api.get, JobId, {
    pollIntervalMs: settings.pollIntervalMs,
    signal,
  });
  const merged = {
    Blocks: results.responses.flatMap((response): Block[] =>
      'Blocks' in response ? (response.Blocks ?? []) : [],
    ),
    ...(operation.kind === 'expense'
      ? {
          ExpenseDocuments: results.responses.flatMap((response): ExpenseDocument[] =>
            'ExpenseDocuments' in response ? (response.ExpenseDocuments ?? []) : [],
          ),
        }
      : {}),
  };
  const pages = mapTextractResult(merged, frameOf).filter((page) => wanted.has(page.pageNumber));
  run.onProgress?.(pages.length, pages.length);
  warnings.push(...results.warnings);
  if (run.pages !== undefined) {
    warnings.push({
      code: 'textract-all-pages-billed',
      message: `Textract's asynchronous API analyses every page, so all ${pageCount} pages were billed though ${wanted.size} were asked for; leave OCRConfig.s3 out to send only those pages.`,
    });
  }
  return {
    pages,
    billedPages: results.responses[0]?.DocumentMetadata?.Pages ?? pageCount,
    raw: { jobId: JobId, s3Key: key, responses: results.responses.map(rawTextractResponse) },
    warnings,
  };
}
