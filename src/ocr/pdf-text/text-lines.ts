/**
 * Grouping placed text runs into the lines and words of an `OcrPage`: lines by shared baseline, words by spaces
 * and gaps, and separate lines where a wide gap or a column stop splits a baseline into columns or table cells.
 *
 * @module
 */
import type { OcrLine } from '../../spec/document.js';
import { baselineBands, COLUMN_GAP, ColumnStops } from './baseline-bands.js';
import { LineAssembler } from './line-assembler.js';
import { type Direction, isSpace, type PlacedRun } from './placed-runs.js';

/** A gap this wide between glyphs (a fraction of the font size) separates words even without a space. */
const WORD_GAP = 0.25;
/** This many spaces in a row inside one run separate columns, as in text laid out with spaces. */
const COLUMN_SPACES = 3;

const DIRECTIONS: readonly Direction[] = [0, 1, 2, 3];

/** The lines of a page, and the direction most of its text reads in. */
export interface TextLines {
  readonly lines: OcrLine[];
  readonly direction: Direction;
}

/**
 * The page's lines in reading order: those of the main direction top to bottom and, on a baseline, left to
 * right; then lines of other directions (a sideways label, a margin stamp), ordered the same way in their frame.
 */
export function groupIntoLines(
  runs: readonly PlacedRun[],
  page: { readonly pageNumber: number; readonly width: number; readonly height: number },
): TextLines {
  const byDirection: PlacedRun[][] = [[], [], [], []];
  const characters = [0, 0, 0, 0];
  for (const run of runs) {
    byDirection[run.direction]?.push(run);
    if (!run.blank) characters[run.direction] = (characters[run.direction] ?? 0) + run.text.length;
  }
  let direction: Direction = 0;
  for (const d of DIRECTIONS) if ((characters[d] ?? 0) > (characters[direction] ?? 0)) direction = d;
  const assembler = new LineAssembler(page);
  for (const d of [direction, ...DIRECTIONS.filter((other) => other !== direction)]) {
    const bands = baselineBands(byDirection[d] ?? []);
    const stops = new ColumnStops(bands);
    for (const band of bands) assembleBand(band, stops, assembler);
  }
  return { lines: assembler.lines, direction };
}

/** What separates a piece of text from the one before it. */
type Separation = 'none' | 'word' | 'line';

/** Walks a band's text left to right, piece by piece (a piece is a run's text between spaces). */
function assembleBand(band: readonly PlacedRun[], stops: ColumnStops, assembler: LineAssembler): void {
  // Where the last piece ended along the baseline, its font size, and the spaces seen since (a blank run's too:
  // it separates the words around it).
  let end = Number.NEGATIVE_INFINITY;
  let endFontSize = 0;
  let spaces = 0;
  for (const run of band) {
    const { text } = run;
    const length = text.length;
    const advance = run.end - run.start;
    let firstPiece = true;
    let i = 0;
    while (i < length) {
      if (isSpace(text.charCodeAt(i))) {
        spaces++;
        i++;
        continue;
      }
      const from = i;
      while (i < length && !isSpace(text.charCodeAt(i))) i++;
      const separation = firstPiece
        ? separationBetweenRuns(run, run.start + (advance * from) / length - end, spaces, endFontSize, stops)
        : spaces >= COLUMN_SPACES
          ? 'line'
          : 'word';
      if (separation === 'line') assembler.finishLine();
      else if (separation === 'word') assembler.finishWord();
      assembler.addPiece(run, from, i);
      end = run.start + (advance * i) / length;
      endFontSize = run.fontSize;
      spaces = 0;
      firstPiece = false;
    }
  }
  assembler.finishLine();
}

/**
 * What separates a run's first piece from the previous piece, `gap` points before it: a new line after a wide gap
 * or at a column stop, a new word after a space or a narrower gap, nothing when the glyphs touch (kerned fragments).
 */
function separationBetweenRuns(
  run: PlacedRun,
  gap: number,
  spaces: number,
  previousFontSize: number,
  stops: ColumnStops,
): Separation {
  const em = Math.max(previousFontSize, run.fontSize);
  const separated = spaces > 0 || gap > WORD_GAP * em;
  if (gap > COLUMN_GAP * em || (separated && gap >= 0 && stops.has(run.start))) return 'line';
  return separated ? 'word' : 'none';
}
