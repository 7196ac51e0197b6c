/**
 * Finding which way up a page is without tesseract's orientation detection, which needs `osd.traineddata`
 * (no `@tesseract.js-data` package has it): by reading the page and judging the result.
 *
 * With automatic page segmentation tesseract reads a page turned a quarter clockwise as vertical lines, often
 * correctly, and a page turned the other way or upside down as gibberish with low confidence. So a reading whose
 * lines run across the page with confident words is upright; otherwise the page is read again, turned the way
 * the first reading suggests. A page costs one reading when it is upright, two when its orientation was guessed
 * right, and at most three.
 *
 * @module
 */
import type { TesseractReading } from './tesseract-worker.js';

/** A reading of the page turned clockwise by `quarterTurns` × 90°, and the size of the image read. */
export interface OrientedReading {
  readonly reading: TesseractReading;
  readonly quarterTurns: number;
  readonly width: number;
  readonly height: number;
}

/** Reads the page turned clockwise by `quarterTurns` × 90°; the reading may carry more, such as the image read. */
export type ReadTurned<Reading extends OrientedReading = OrientedReading> = (
  quarterTurns: number,
) => Promise<Reading>;

// Mean confidence of upright text in clean scans is 0.8-0.9; of an upside-down page, 0.3-0.5.
const READABLE = 0.6;

interface Assessment {
  readonly words: number;
  /** The sum of the confidences (0..1) of the words on horizontal lines: upright text scores high. */
  readonly score: number;
  /** Whether most words are on vertical lines: the page lies on its side. */
  readonly sideways: boolean;
  /** Whether the vertical lines were read confidently: tesseract then read a page turned a quarter clockwise. */
  readonly verticalReadable: boolean;
}

/**
 * The reading of the page upright: the first reading when it is good, else the best of up to two more.
 *
 * @throws whatever `read` throws.
 */
export async function readUpright<Reading extends OrientedReading>(
  read: ReadTurned<Reading>,
): Promise<Reading> {
  const first = await read(0);
  const assessment = assess(first.reading);
  // An empty page has no orientation to find.
  if (assessment.words === 0 || readsWell(assessment)) return first;
  let best = { reading: first, score: assessment.score };
  for (const quarterTurns of turnsToTry(assessment)) {
    const reading = await read(quarterTurns);
    const next = assess(reading.reading);
    if (next.score > best.score) best = { reading, score: next.score };
    if (readsWell(next)) break;
  }
  return best.reading;
}

/** The clockwise rotation of the page's content, in degrees, that `quarterTurns` corrected. */
export function contentAngle(quarterTurns: number): number {
  return ((4 - quarterTurns) % 4) * 90;
}

function turnsToTry(assessment: Assessment): readonly number[] {
  if (!assessment.sideways) return [2];
  // Content turned 90° clockwise is undone by three more quarter turns.
  return assessment.verticalReadable ? [3, 1] : [1, 3];
}

function readsWell(assessment: Assessment): boolean {
  return assessment.words > 0 && assessment.score / assessment.words >= READABLE;
}

function assess(reading: TesseractReading): Assessment {
  let words = 0;
  let score = 0;
  let verticalWords = 0;
  let verticalConfidence = 0;
  for (const line of reading.lines) {
    const { x0, y0, x1, y1 } = line.baseline;
    const horizontal = Math.abs(x1 - x0) >= Math.abs(y1 - y0);
    for (const word of line.words) {
      words += 1;
      if (horizontal) {
        score += word.confidence / 100;
      } else {
        verticalWords += 1;
        verticalConfidence += word.confidence / 100;
      }
    }
  }
  return {
    words,
    score,
    sideways: verticalWords > words / 2,
    verticalReadable: verticalWords > 0 && verticalConfidence / verticalWords >= READABLE,
  };
}
