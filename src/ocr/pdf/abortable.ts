/**
 * Making a pdf.js task cancellable through an `AbortSignal`.
 *
 * @module
 */

/**
 * `promise`, or a rejection with `signal.reason` as soon as `signal` aborts (or at once if it has), calling
 * `cancel` so that the work behind the promise stops rather than running on unobserved.
 */
export function abortable<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
  cancel: () => void,
): Promise<T> {
  if (signal === undefined) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      cancel();
      reject(signal.reason);
    };
    // Handlers go on first, so that the rejection a cancelled task ends with is never left unhandled.
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}
