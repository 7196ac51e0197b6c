/**
 * The time budget of local CPU work on one page (`limits.maxPageMs`): work that overruns it is abandoned, its
 * signal aborted, and the page fails with an `InputError` naming the page and the limit.
 *
 * @module
 */
import { formatSeconds, limitSetting } from '../document/limits.js';
import { InputError } from '../spec/errors.js';

/** Options of {@link withinPageBudget}. */
export interface PageBudgetOptions {
  /** The page worked on, for the message. */
  readonly pageNumber: number;
  /** What the work is, as the subject of the message: `OCR`, `Rendering`, `Reading the text layer`. */
  readonly work: string;
  /** The budget in milliseconds. */
  readonly maxMs: number;
  /** The caller's own cancellation; its reason wins over an overrun. */
  readonly signal?: AbortSignal | undefined;
}

// Errors of work that overran its budget, so that whoever ran it can tell them from the work's own failures and,
// say, replace the thread that may still be busy with it.
const overruns = new WeakSet<object>();

/**
 * `work`'s result, or a rejection with an `InputError` once it has run for `maxMs`; `work` receives a signal
 * that aborts then (or when the caller's does), to stop what can be stopped.
 *
 * @throws {@link InputError} when the budget runs out (see {@link isPageOverrun}); `signal.reason` when the
 * caller's signal aborts; whatever `work` throws.
 */
export async function withinPageBudget<T>(
  work: (signal: AbortSignal) => Promise<T>,
  options: PageBudgetOptions,
): Promise<T> {
  const { signal } = options;
  signal?.throwIfAborted();
  const budget = new AbortController();
  const timer = setTimeout(() => budget.abort(pageOverrunError(options)), options.maxMs);
  // A budget never keeps the process alive: work abandoned on close (a terminated OCR worker's reading never
  // settles) must not hold a finished command open until its page's time is up.
  timer.unref();
  const workSignal = signal ? AbortSignal.any([signal, budget.signal]) : budget.signal;
  const running = work(workSignal);
  // Work that ignores its signal is raced: the page must fail on time, or on the caller's abort, even when the
  // work cannot be stopped.
  const stopped = new Promise<never>((_, reject) =>
    workSignal.addEventListener('abort', () => reject(workSignal.reason), { once: true }),
  );
  try {
    return await Promise.race([running, stopped]);
  } catch (error) {
    signal?.throwIfAborted();
    throw budget.signal.aborted ? budget.signal.reason : error;
  } finally {
    clearTimeout(timer);
    running.catch(() => undefined);
    stopped.catch(() => undefined);
  }
}

/** Whether `error` is the failure of work that overran its page budget. */
export function isPageOverrun(error: unknown): boolean {
  return typeof error === 'object' && error !== null && overruns.has(error);
}

function pageOverrunError({ work, pageNumber, maxMs }: PageBudgetOptions): InputError {
  const error = new InputError(
    `${work} of page ${pageNumber} took longer than the limit of ${formatSeconds(maxMs)} s per page, so it was stopped; if the page is only large, raise ${limitSetting('maxPageMs')}, otherwise check the file.`,
  );
  overruns.add(error);
  return error;
}
