/**
 * What a document cost: pages, tokens, calls and dollars.
 *
 * @module
 */

/** Resources used by a stage, a document or a run. */
export interface Usage {
  /** Pages sent to OCR. */
  readonly pages: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** Input tokens read from the provider's prompt cache. */
  readonly cacheReadTokens: number;
  /** Input tokens written to the provider's prompt cache. */
  readonly cacheWriteTokens: number;
  /** Estimated cost in US dollars, from the providers' price tables. */
  readonly costUsd: number;
  /** Provider calls made. */
  readonly calls: number;
}

/** A usage of zero. */
export const EMPTY_USAGE: Usage = Object.freeze({
  pages: 0,
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  costUsd: 0,
  calls: 0,
});

/** The sum of two usages; missing fields of `b` count as zero. */
export function addUsage(a: Usage, b: Partial<Usage>): Usage {
  return {
    pages: a.pages + (b.pages ?? 0),
    inputTokens: a.inputTokens + (b.inputTokens ?? 0),
    outputTokens: a.outputTokens + (b.outputTokens ?? 0),
    cacheReadTokens: a.cacheReadTokens + (b.cacheReadTokens ?? 0),
    cacheWriteTokens: a.cacheWriteTokens + (b.cacheWriteTokens ?? 0),
    costUsd: a.costUsd + (b.costUsd ?? 0),
    calls: a.calls + (b.calls ?? 0),
  };
}
