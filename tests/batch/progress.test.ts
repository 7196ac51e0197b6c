import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type BatchProgress,
  createProgressDisplay,
  formatBatchSummary,
  startingProgress,
} from '../../src/batch/progress.js';

const START = startingProgress(50);

const FINISHED: BatchProgress = {
  ...START,
  done: 47,
  failed: 3,
  pages: 96,
  inputTokens: 120_000,
  outputTokens: 8_000,
  costUsd: 0.54,
  elapsedMs: 12_300,
};

/** A stream that keeps what is written to it; a terminal when `columns` is given. */
function captureStream(terminal?: { columns: number }) {
  const writes: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      writes.push(String(chunk));
      callback();
    },
  });
  return { stream: terminal ? Object.assign(stream, { isTTY: true, ...terminal }) : stream, writes };
}

describe('formatBatchSummary', () => {
  it('gives every figure of the batch in one line', () => {
    expect(formatBatchSummary(FINISHED)).toBe(
      '50 documents: 47 succeeded, 3 failed, 0 skipped · 96 pages · 120,000 in / 8,000 out tokens · $0.5400 · 12.3 s',
    );
  });

  it('names cached stages when there are some, in the singular for one', () => {
    const one = { ...START, total: 1, done: 1, pages: 1, cachedStages: 2, costUsd: 1234.5, elapsedMs: 900 };
    expect(formatBatchSummary(one)).toBe(
      '1 document: 1 succeeded, 0 failed, 0 skipped · 1 page · 0 in / 0 out tokens · $1,234.5000 · 2 stages from cache · 0.9 s',
    );
  });

  it('gives long runs in minutes and hours', () => {
    expect(formatBatchSummary({ ...FINISHED, elapsedMs: 59_960 })).toMatch(/ · 1 min 00 s$/);
    expect(formatBatchSummary({ ...FINISHED, elapsedMs: 125_000 })).toMatch(/ · 2 min 05 s$/);
    expect(formatBatchSummary({ ...FINISHED, elapsedMs: 7_620_000 })).toMatch(/ · 2 h 07 min$/);
  });
});

describe('plain progress lines', () => {
  it('writes at most one line per interval, the line that completes the batch, then the summary', () => {
    const { stream, writes } = captureStream();
    let now = 0;
    const display = createProgressDisplay(stream, { intervalMs: 2_000, now: () => now });
    const at = (time: number, done: number) => {
      now = time;
      display.update({ ...START, done, elapsedMs: time });
    };
    at(0, 0);
    at(500, 2);
    at(1_900, 8);
    at(2_000, 9);
    at(3_000, 20);
    at(4_100, 30);
    at(4_200, 50);
    display.finish({ ...START, done: 50, elapsedMs: 4_300 });

    expect(writes).toEqual([
      'docpipe: 0/50 documents · 0 succeeded, 0 failed, 0 skipped · 0 pages · 0 in / 0 out tokens · $0.0000 · 0.0 s · ETA …\n',
      'docpipe: 9/50 documents · 9 succeeded, 0 failed, 0 skipped · 0 pages · 0 in / 0 out tokens · $0.0000 · 2.0 s · ETA 9.1 s\n',
      'docpipe: 30/50 documents · 30 succeeded, 0 failed, 0 skipped · 0 pages · 0 in / 0 out tokens · $0.0000 · 4.1 s · ETA 2.7 s\n',
      'docpipe: 50/50 documents · 50 succeeded, 0 failed, 0 skipped · 0 pages · 0 in / 0 out tokens · $0.0000 · 4.2 s · ETA 0.0 s\n',
      '50 documents: 50 succeeded, 0 failed, 0 skipped · 0 pages · 0 in / 0 out tokens · $0.0000 · 4.3 s\n',
    ]);
  });

  it('estimates the time left from items worked on, not from skipped ones', () => {
    const { stream, writes } = captureStream();
    const display = createProgressDisplay(stream, { now: () => 0 });
    // 10 items took 20 s; 20 were skipped at once; 20 remain at 2 s each.
    display.update({ ...START, done: 8, failed: 2, skipped: 20, elapsedMs: 20_000 });
    expect(writes[0]).toMatch(/ · 8 succeeded, 2 failed, 20 skipped · .* · ETA 40\.0 s\n$/);
  });

  it('leaves items finished before a resume out of the rate, while counting them as succeeded', () => {
    const { stream, writes } = captureStream();
    const display = createProgressDisplay(stream, { now: () => 0 });
    // 30 items were done before the resume; 10 took 20 s since; 10 remain at 2 s each.
    display.update({ ...START, done: 40, resumed: 30, elapsedMs: 20_000 });
    expect(writes[0]).toMatch(
      /^docpipe: 40\/50 documents · 40 succeeded, 0 failed, 0 skipped · .* · ETA 20\.0 s\n$/,
    );
  });
});

describe('the progress bar on a terminal', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('draws a bar with the figures in place, then clears it for the summary', () => {
    vi.useFakeTimers();
    const { stream, writes } = captureStream({ columns: 200 });
    const display = createProgressDisplay(stream);
    display.update(START);
    vi.advanceTimersByTime(300);
    display.update({
      ...START,
      done: 9,
      failed: 1,
      pages: 20,
      inputTokens: 24_000,
      outputTokens: 1_600,
      costUsd: 0.108,
      elapsedMs: 2_000,
    });
    vi.advanceTimersByTime(300);
    display.finish(FINISHED);

    const lines = writes.filter((text) => text.startsWith('docpipe '));
    expect(lines[0]).toBe(
      'docpipe ░░░░░░░░░░░░░░░░░░░░ 0% 0/50 (0 done, 0 failed) · ETA … · $0.0000 · 0 in / 0 out tokens · 0 pages',
    );
    expect(lines.at(-1)).toBe(
      'docpipe ████░░░░░░░░░░░░░░░░ 20% 10/50 (9 done, 1 failed) · ETA 8.0 s · $0.1080 · 24,000 in / 1,600 out tokens · 20 pages',
    );
    // Each redraw returns to the line's start; finish erases the line before the summary.
    expect(writes.slice(-3)).toEqual(['\u001b[1G', '\u001b[2K', `${formatBatchSummary(FINISHED)}\n`]);
    // Nothing is left to redraw: the process may exit.
    expect(vi.getTimerCount()).toBe(0);
    const written = writes.length;
    display.update(FINISHED);
    vi.advanceTimersByTime(1_000);
    expect(writes).toHaveLength(written);
  });

  it('cuts the line at the terminal width', () => {
    vi.useFakeTimers();
    const { stream, writes } = captureStream({ columns: 60 });
    const display = createProgressDisplay(stream);
    display.update({ ...START, skipped: 3, cachedStages: 4 });
    display.finish({ ...START, skipped: 3 });

    const line = writes.find((text) => text.startsWith('docpipe '));
    expect(line).toBe('docpipe █░░░░░░░░░░░░░░░░░░░ 6% 3/50 (0 done, 0 failed, 3 sk');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('writes only the summary when the batch ends before any update', () => {
    const { stream, writes } = captureStream({ columns: 80 });
    createProgressDisplay(stream).finish(FINISHED);
    expect(writes).toEqual([`${formatBatchSummary(FINISHED)}\n`]);
  });
});
