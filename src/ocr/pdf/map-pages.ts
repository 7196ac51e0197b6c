/**
 * Working through a PDF's pages concurrently but boundedly.
 *
 * @module
 */

/** Options of {@link mapPages}. */
export interface MapPagesOptions {
  /** Pages worked on at once. */
  readonly lanes: number;
  readonly signal?: AbortSignal | undefined;
  /** Called as each page finishes, with the pages done and the pages in all. */
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
}

/**
 * `work` applied to every page, at most `lanes` at a time, results in the order of `pageNumbers`.
 * The first failure aborts the other pages (through the signal `work` receives) and rejects once every
 * lane has stopped, so no page still reads from a PDF the caller is about to close.
 */
export async function mapPages<T>(
  pageNumbers: readonly number[],
  options: MapPagesOptions,
  work: (pageNumber: number, signal: AbortSignal) => Promise<T>,
): Promise<T[]> {
  const stop = new AbortController();
  const signal = options.signal === undefined ? stop.signal : AbortSignal.any([options.signal, stop.signal]);
  const results: T[] = [];
  let next = 0;
  let done = 0;
  const lane = async (): Promise<void> => {
    for (let index = next++; index < pageNumbers.length; index = next++) {
      results[index] = await work(pageNumbers[index] as number, signal);
      options.onProgress?.(++done, pageNumbers.length);
    }
  };
  const lanes = Array.from({ length: Math.min(options.lanes, pageNumbers.length) }, () =>
    lane().catch((error: unknown) => {
      stop.abort(error);
      throw error;
    }),
  );
  const failure = (await Promise.allSettled(lanes)).find((settled) => settled.status === 'rejected');
  if (failure !== undefined) throw failure.reason;
  return results;
}
