import { describe, expect, it } from 'vitest';
import { isPageOverrun, withinPageBudget } from '../../src/ocr/page-budget.js';
import { InputError } from '../../src/spec/errors.js';

const never = () => new Promise<never>(() => undefined);

describe('withinPageBudget', () => {
  it('fails work that overruns with an InputError naming the work, the page and the limit, and aborts its signal', async () => {
    let received: AbortSignal | undefined;
    const running = withinPageBudget(
      (signal) => {
        received = signal;
        return never();
      },
      { work: 'Rendering', pageNumber: 7, maxMs: 20 },
    );

    const error = await running.catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      'Rendering of page 7 took longer than the limit of 0.02 s per page, so it was stopped; if the page is only large, raise limits.maxPageMs, otherwise check the file.',
    );
    expect(isPageOverrun(error)).toBe(true);
    expect(received?.aborted).toBe(true);
  });

  it('passes on the result and the failures of work that finishes in time', async () => {
    await expect(
      withinPageBudget(async () => 42, { work: 'OCR', pageNumber: 1, maxMs: 60_000 }),
    ).resolves.toBe(42);
    const failure = new InputError('damaged');
    const failing = withinPageBudget(() => Promise.reject(failure), {
      work: 'OCR',
      pageNumber: 1,
      maxMs: 60_000,
    });
    await expect(failing).rejects.toBe(failure);
    expect(isPageOverrun(failure)).toBe(false);
  });

  it("rejects with the caller's abort reason, not as an overrun", async () => {
    const controller = new AbortController();
    const running = withinPageBudget(never, {
      work: 'OCR',
      pageNumber: 1,
      maxMs: 60_000,
      signal: controller.signal,
    });
    const reason = new Error('stopped');
    controller.abort(reason);
    await expect(running).rejects.toBe(reason);
  });
});
