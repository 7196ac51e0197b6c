/**
 * The batch progress bar drawn on a terminal.
 *
 * @module
 */
import { Presets, SingleBar } from 'cli-progress';
import type { BatchProgress, ProgressDisplay, ProgressStream } from './progress.js';
import { cachedOf, dollars, etaOf, pagesOf, tokensOf, workOf } from './progress-figures.js';

// Most telling first: a narrow terminal cuts the line at its width. Payload names steer clear
// of cli-progress's own tokens (eta, value, total, duration), which would take precedence.
const BAR_FORMAT = 'docpipe {bar} {percentage}% {documents} · {timeLeft} · {cost} · {tokens} · {pages}';

/**
 * A cli-progress bar on `stream`, redrawn in place at most ten times a second; `finish` clears
 * it and writes `summary` on its own line. Call `finish` also when the batch fails: until then
 * the bar's redraw timer keeps the process alive.
 */
export class ProgressBarDisplay implements ProgressDisplay {
  readonly #stream: ProgressStream;
  readonly #summary: (progress: BatchProgress) => string;
  readonly #bar: SingleBar;
  readonly #leftOut: number;
  #state: 'idle' | 'drawing' | 'finished' = 'idle';

  /** `leftOut`: items known before the start to be left out, which the bar's total and percentage don't count. */
  constructor(stream: ProgressStream, summary: (progress: BatchProgress) => string, leftOut = 0) {
    this.#stream = stream;
    this.#summary = summary;
    this.#leftOut = leftOut;
    this.#bar = new SingleBar(
      {
        stream,
        format: BAR_FORMAT,
        barsize: 20,
        // Cut at the terminal's width instead of switching its line wrapping off: a process
        // killed mid-batch then leaves the terminal as it found it.
        linewrap: true,
        hideCursor: false,
        clearOnComplete: true,
        emptyOnZero: true,
      },
      Presets.shades_classic,
    );
  }

  start(progress: BatchProgress): void {
    this.update(progress);
  }

  update(progress: BatchProgress): void {
    if (this.#state === 'finished') return;
    const fields = barFields(progress, this.#leftOut);
    const work = workOf(progress, this.#leftOut);
    if (this.#state === 'idle') {
      this.#bar.start(work.total, work.processed, fields);
      this.#state = 'drawing';
      return;
    }
    this.#bar.setTotal(work.total);
    this.#bar.update(work.processed, fields);
  }

  finish(progress: BatchProgress): void {
    this.close();
    this.#stream.write(`${this.#summary(progress)}\n`);
  }

  close(): void {
    if (this.#state === 'drawing') this.#bar.stop();
    this.#state = 'finished';
  }
}

function barFields(progress: BatchProgress, leftOut: number): Record<string, string> {
  const { done, failed, skipped, cachedStages } = progress;
  const counts = [`${done} done`, `${failed} failed`];
  if (skipped > 0) counts.push(`${skipped} skipped`);
  const work = workOf(progress, leftOut);
  return {
    documents: `${work.processed}/${work.total} (${counts.join(', ')})`,
    timeLeft: etaOf(progress, leftOut),
    cost: dollars(progress.costUsd),
    tokens: tokensOf(progress),
    pages: cachedStages > 0 ? `${pagesOf(progress)} · ${cachedOf(progress)}` : pagesOf(progress),
  };
}
