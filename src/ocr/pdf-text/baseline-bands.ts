/**
 * Runs of one reading direction grouped into bands that share a baseline, and the column stops of the page:
 * positions where a wide gap shows that a column or table cell starts.
 *
 * @module
 */
import type { PlacedRun } from './placed-runs.js';

// Fractions of the font size (the larger of two neighbours').
/** Runs whose baselines are this close share a band, so a slightly raised or lowered run stays on its line. */
const BASELINE_TOLERANCE = 0.3;
/** A gap wider than about two spaces separates columns or table cells. */
export const COLUMN_GAP = 0.6;
/** A run repeating the previous one this close is a fake-bold overprint, not more text. */
const OVERPRINT_OFFSET = 0.2;
/** Rows in which a wide gap must precede a position before it counts as a column stop. */
const MIN_STOP_ROWS = 2;

/** Runs sharing a baseline, top to bottom, each band's runs left to right and without overprints. */
export function baselineBands(runs: PlacedRun[]): PlacedRun[][] {
  runs.sort((a, b) => a.baseline - b.baseline || a.start - b.start);
  const bands: PlacedRun[][] = [];
  let band: PlacedRun[] = [];
  let baseline = 0;
  let fontSize = 0;
  for (const run of runs) {
    // Measured from the band's first baseline, so that a slope of small steps cannot chain lines together.
    if (band.length > 0 && run.baseline - baseline > BASELINE_TOLERANCE * Math.max(fontSize, run.fontSize)) {
      bands.push(band);
      band = [];
    }
    if (band.length === 0) {
      baseline = run.baseline;
      fontSize = 0;
    }
    band.push(run);
    fontSize = Math.max(fontSize, run.fontSize);
  }
  if (band.length > 0) bands.push(band);
  return bands.map(withoutOverprints);
}

function withoutOverprints(band: PlacedRun[]): PlacedRun[] {
  band.sort((a, b) => a.start - b.start);
  let previous: PlacedRun | undefined;
  return band.filter((run) => {
    if (run.blank) return true;
    const overprint =
      previous !== undefined &&
      run.text === previous.text &&
      Math.abs(run.start - previous.start) < OVERPRINT_OFFSET * run.fontSize;
    if (!overprint) previous = run;
    return !overprint;
  });
}

/**
 * Where columns start: positions (along the baseline, to the nearest point) at which runs in at least two
 * bands start after a wide gap. A run starting there begins a new line even after an ordinary space, so a table
 * cell whose text nearly fills its column still separates from the next cell.
 */
export class ColumnStops {
  readonly #rows = new Map<number, number>();

  constructor(bands: readonly (readonly PlacedRun[])[]) {
    for (const band of bands) {
      let end = Number.POSITIVE_INFINITY;
      let fontSize = 0;
      for (const run of band) {
        if (run.blank) continue;
        const position = Math.round(run.start);
        if (run.start - end > COLUMN_GAP * Math.max(fontSize, run.fontSize)) {
          this.#rows.set(position, (this.#rows.get(position) ?? 0) + 1);
        }
        end = run.end;
        fontSize = run.fontSize;
      }
    }
  }

  /** Whether a column starts at `start`, give or take a point. */
  has(start: number): boolean {
    const position = Math.round(start);
    const rows =
      (this.#rows.get(position - 1) ?? 0) +
      (this.#rows.get(position) ?? 0) +
      (this.#rows.get(position + 1) ?? 0);
    return rows >= MIN_STOP_ROWS;
  }
}
