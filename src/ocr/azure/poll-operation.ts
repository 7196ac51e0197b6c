/**
 * Polling Azure's analyze operation until it ends. docpipe polls itself rather than through the SDK's
 * `getLongRunningPoller`, because that poller neither takes an `AbortSignal` for its waits nor honours the
 * service's `Retry-After` between polls.
 *
 * @module
 */
import type { AnalyzeOperation } from './analyze-result.js';
import { azureFailedOperationError } from './map-azure-error.js';

/** One poll's answer: the operation's state and how long the service asked to wait before the next. */
export interface PolledOperation {
  readonly operation: AnalyzeOperation;
  readonly retryAfterMs?: number;
}

/** How to poll. */
export interface PollOptions {
  readonly intervalMs: number;
  /** The wait before the first poll (the analyze call's `Retry-After`); `intervalMs` when absent. */
  readonly firstDelayMs?: number;
  readonly signal?: AbortSignal;
}

/**
 * The operation once it succeeded, polling with `poll` between waits.
 *
 * @throws {ProviderError} (not retryable) when the operation failed or was cancelled, with the service's reason
 * @throws the signal's reason as soon as `options.signal` aborts
 */
export async function pollOperation(
  poll: () => Promise<PolledOperation>,
  options: PollOptions,
): Promise<AnalyzeOperation> {
  let wait = options.firstDelayMs ?? options.intervalMs;
  for (;;) {
    await delay(wait, options.signal);
    const { operation, retryAfterMs } = await poll();
    if (operation.status === 'succeeded') return operation;
    if (operation.status === 'failed' || operation.status === 'canceled' || operation.status === 'skipped')
      throw azureFailedOperationError(operation.error ?? { code: operation.status });
    wait = retryAfterMs ?? options.intervalMs;
  }
}

function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
