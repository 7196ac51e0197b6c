/**
 * Ctrl-C in the CLI. The first press stops the work cleanly: running documents are aborted, none
 * starts, the pipeline is closed and the run is marked interrupted, so `--resume` picks it up. A
 * second press is a user who will not wait for that: the process exits at once.
 *
 * @module
 */
import { BatchError } from '../spec/errors.js';

/** The exit code of an interrupted command, as a shell reports a process ended by SIGINT (128 + 2). */
export const INTERRUPTED_EXIT_CODE = 130;

/** A batch stopped by Ctrl-C (or its signal): the CLI exits with {@link INTERRUPTED_EXIT_CODE}. */
export class InterruptedBatchError extends BatchError {}

/**
 * Aborts `controller` on the first SIGINT and exits with 130 on the second, until the returned
 * function is called. While it listens, Node's default (dying by the signal at once) is off.
 */
export function abortOnInterrupt(controller: AbortController): () => void {
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(INTERRUPTED_EXIT_CODE);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  return () => process.off('SIGINT', onSignal);
}
