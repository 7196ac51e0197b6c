/**
 * Textract's asynchronous APIs: one job over a whole PDF or TIFF in S3, polled to completion.
 *
 * @module
 */
import type { Block, ExpenseDocument } from '@aws-sdk/client-textract';
import type { Warning } from '../../document/model.js';
import { ProviderError } from '../../errors.js';
import { selectPages } from '../pdf/select-pages.js';
import type { TextractPageFrame } from './map-textract-response.js';
import { mapTextractResult, rawTextractResponse } from './map-textract-result.js';
import { imageFrame, pdfFrame } from './page-frames.js';
import { openSplittablePdf } from './pdf-pages.js';
import { readTextractJob } from './textract-job.js';
import { assertAsyncLimits } from './textract-limits.js';
import { startRequest, textractApi } from './textract-request.js';
import { assertPageLimit, type TextractPages, type TextractRun } from './textract-run.js';

/** Where the asynchronous APIs read documents from, and how often a job is polled. */
export interface TextractAsyncSettings {
  readonly s3: { readonly bucket: string; readonly prefix?: string };
  readonly pollIntervalMs: number;
}

/**
 * Runs one job over the document at `s3://<bucket>/<prefix><document name>`, which must already be there:
 * docpipe does not upload it. Textract analyses (and bills) every page; the pages asked for are kept.
 *
 * @throws {@link InputError} when the document is over Textract's async limits or a page asked for is missing.
 * @throws {@link ProviderError} when the job cannot start or fails.
 */
export async function recognizeAsync(
  run: TextractRun,
  settings: TextractAsyncSettings,
): Promise<TextractPages> {
  const { document, bytes, session, operation, signal } = run;
  const pdf = run.mediaType === 'application/pdf' ? await openSplittablePdf(bytes, document.name) : undefined;
  const pageCount = pdf?.pageCount ?? document.pageCount ?? 1;
  assertPageLimit(pageCount, run);
  assertAsyncLimits(bytes, pageCount, document.name);
  const wanted = new Set(selectPages(pageCount, run.pages));
  const frameOf = (page: number): TextractPageFrame =>
    pdf === undefined ? imageFrame(document, bytes, page) : pdfFrame(pdf, page);

  const api = textractApi(operation);
  const key = `${settings.s3.prefix ?? ''}${document.name}`;
  const location = { S3Object: { Bucket: settings.s3.bucket, Name: key } };
  const { JobId } = await session.call(api.start, startRequest(operation, location), signal);
  if (JobId === undefined) {
    throw new ProviderError(`Textract ${api.start} answered without a JobId; try again.`, {
      provider: 'aws.textract',
      retryable: true,
    });
  }
  const job = await readTextractJob(session, api.get, JobId, {
    pollIntervalMs: settings.pollIntervalMs,
    signal,
  });
  const merged = {
    Blocks: job.responses.flatMap((response): Block[] =>
      'Blocks' in response ? (response.Blocks ?? []) : [],
    ),
    ...(operation.kind === 'expense'
      ? {
          ExpenseDocuments: job.responses.flatMap((response): ExpenseDocument[] =>
            'ExpenseDocuments' in response ? (response.ExpenseDocuments ?? []) : [],
          ),
        }
      : {}),
  };
  const pages = mapTextractResult(merged, frameOf).filter((page) => wanted.has(page.pageNumber));
  run.onProgress?.(pages.length, pages.length);
  const warnings: Warning[] = [...job.warnings];
  if (run.pages !== undefined) {
    warnings.push({
      code: 'textract-all-pages-billed',
      message: `Textract's asynchronous API analyses every page, so all ${pageCount} pages were billed though ${wanted.size} were asked for; leave OCRConfig.s3 out to send only those pages.`,
    });
  }
  return {
    pages,
    billedPages: job.responses[0]?.DocumentMetadata?.Pages ?? pageCount,
    raw: { jobId: JobId, s3Key: key, responses: job.responses.map(rawTextractResponse) },
    warnings,
  };
}
