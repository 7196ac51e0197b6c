/**
 * Waiting for an asynchronous Textract job and reading all its result pages.
 *
 * @module
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Warning } from '../../spec/document.js';
import { ProviderError } from '../../spec/errors.js';
import type { TextractApis, TextractSession } from './textract-client.js';

type GetApi = 'GetDocumentTextDetection' | 'GetDocumentAnalysis' | 'GetExpenseAnalysis';

/** One page of a job's results. */
export type TextractJobResponse = TextractApis[GetApi][1];

// Polls slow down by half each time up to this, so a long job costs few requests.
const MAX_POLL_INTERVAL_MS = 15_000;
const POLL_BACKOFF = 1.5;

/**
 * All result pages of job `jobId` once it has finished, polling every `pollIntervalMs` (backing off) while it
 * runs, following `NextToken`; a `PARTIAL_SUCCESS` comes back with a warning per page Textract skipped.
 *
 * @throws {@link ProviderError} (not retryable) with Textract's status message when the job failed.
 * @throws `signal.reason` when the signal aborts, while waiting or during a request.
 */
export async function readTextractJob(
  session: TextractSession,
  api: GetApi,
  jobId: string,
  options: { readonly pollIntervalMs: number; readonly signal: AbortSignal | undefined },
): Promise<{ responses: TextractJobResponse[]; warnings: Warning[] }> {
  const { signal } = options;
  let delay = options.pollIntervalMs;
  let first = await session.call(api, { JobId: jobId }, signal);
  while (first.JobStatus === 'IN_PROGRESS') {
    await sleep(delay, undefined, signal === undefined ? {} : { signal }).catch((error: unknown) => {
      signal?.throwIfAborted();
      throw error;
    });
    delay = Math.min(delay * POLL_BACKOFF, Math.max(options.pollIntervalMs, MAX_POLL_INTERVAL_MS));
    first = await session.call(api, { JobId: jobId }, signal);
  }
  if (first.JobStatus !== 'SUCCEEDED' && first.JobStatus !== 'PARTIAL_SUCCESS') {
    throw new ProviderError(
      `Textract job ${jobId} ended ${first.JobStatus ?? 'without a status'}: ${first.StatusMessage ?? 'no message'}; check the document at the S3 location, then run it again.`,
      { provider: 'aws.textract', retryable: false },
    );
  }
  const responses = [first];
  for (let token = first.NextToken; token !== undefined && token !== ''; ) {
    const next = await session.call(api, { JobId: jobId, NextToken: token }, signal);
    responses.push(next);
    token = next.NextToken;
  }
  return { responses, warnings: jobWarnings(first.JobStatus, responses) };
}

function jobWarnings(status: string, responses: readonly TextractJobResponse[]): Warning[] {
  const warnings: Warning[] = responses.flatMap((response) =>
    (response.Warnings ?? []).flatMap((warning) =>
      (warning.Pages ?? []).map((page) => ({
        code: 'textract-page-warning',
        message: `Textract reported ${warning.ErrorCode ?? 'a problem'} on page ${page}; its results may be missing or incomplete.`,
        page,
      })),
    ),
  );
  if (status === 'PARTIAL_SUCCESS' && warnings.length === 0) {
    warnings.push({
      code: 'textract-partial-success',
      message: 'Textract processed the document only in part; some pages may be missing.',
    });
  }
  return warnings;
}
