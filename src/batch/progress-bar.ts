/**
 * The batch progress bar drawn on a terminal.
 *
 * @module
 */
import { Presets, SingleBar } from 'cli-progress';
import type { BatchProgress, ProgressDisplay, ProgressStream } from './progress.js';
import { cachedOf, dollars, etaOf, pagesOf, processedOf, tokensOf } from './progress-figures.js';

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
  #state: 'idle' | 'drawing' | 'finished' = 'idle';

  constructor(stream: ProgressStream, summary: (progress: BatchProgress) => string) {
    this.#stream = stream;
    this.#summary = summary;
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

  update(progress: BatchProgress): void {
    if (this.#state === 'finished') return;
    const fields = barFields(progress);
    if (this.#state === 'idle') {
      this.#bar.start(progress.total, processedOf(progress), fields);
      this.#state = 'drawing';
      return;
    }
    this.#bar.setTotal(progress.total);
    this.#bar.update(processedOf(progress), fields);
  }

  finish(progress: BatchProgress): void {
    if (this.#state === 'drawing') this.#bar.stop();
    this.#state = 'finished';
    this.#stream.write(`${this.#summary(progress)}\n`);
  }
}

function barFields(progress: BatchProgress): Record<string, string> {
  const { total, done, failed, skipped, cachedStages } = progress;
  const counts = [`${done} done`, `${failed} failed`];
  if (skipped > 0) counts.push(`${skipped} skipped`);
  return {
    documents: `${processedOf(progress)}/${total} (${counts.join(', ')})`,
    timeLeft: etaOf(progress),
    cost: dollars(progress.costUsd),
    tokens: tokensOf(progress),
    pages: cachedStages > 0 ? `${pagesOf(progress)} · ${cachedOf(progress)}` : pagesOf(progress),
  };
}
