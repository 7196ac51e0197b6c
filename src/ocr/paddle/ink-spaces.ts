/**
 * Putting back the spaces the recognizer leaves out, from the blank columns of the line crop between two
 * characters it read.
 *
 * The PP-OCRv4 recognizer (the multilingual `ch` model) rarely emits a space in small print (scans at 150–200
 * dpi): "Notebook A5 ruled" comes out as "NotebookA5ruled", and a table row's cells and values no longer match.
 * The space is still in the pixels: a run of ink-free columns between the columns where the two characters
 * were read, far wider than the gaps between the letters of a word.
 *
 * @module
 */
import { inkThreshold } from '../image-prep/ink-threshold.js';
import type { DecodedCharacter, DecodedLine } from './ctc-decode.js';
import type { Grayscale } from './gray-image.js';

// Measured on scanned invoices (Helvetica, Times, Courier; 150–300 dpi), in units of the line's ink height:
// the gaps inside words reach 0.35 (Courier's wide letters), the spaces the recognizer left out start at 0.40.
const WORD_GAP = 0.38;
// And in units of the line's character pitch (the median distance between two characters' columns): gaps
// inside words reach 0.38 of it, left-out spaces start at 0.58.
const WORD_GAP_OF_PITCH = 0.5;
// A gap this wide (in ink heights) is a space between any two characters, digits and punctuation included: the
// widest inside a number, Courier's "1" beside a comma or point, is half as wide.
const FIELD_GAP = 0.9;
// Rows with less ink than this share of the inkiest row are specks above or below the text, not its height.
const TEXT_ROW_SHARE = 0.1;

/**
 * `line` with a space inserted between each two characters whose columns in `image` are parted by a word gap.
 * Inside numbers (digits and their punctuation) and before punctuation, where narrow glyphs such as "1" and
 * "." leave gaps as wide as a word space, only a gap of {@link FIELD_GAP} counts. The line's confidence is
 * unchanged: an inserted space was not read.
 *
 * @param image - The crop the recognizer read, as it read it (turned, if it was).
 * @param timestepWidth - How many of the crop's columns one timestep of the recognizer's output covers.
 */
export function withInkSpaces(line: DecodedLine, image: Grayscale, timestepWidth: number): DecodedLine {
  const { characters } = line;
  if (characters.length < 2) return line;
  const ink = inkProfile(image);
  if (ink === undefined) return line;
  const column = (character: DecodedCharacter) => Math.round((character.timestep + 0.5) * timestepWidth);
  const pitch = medianPitch(characters, column);
  const spaced: DecodedCharacter[] = [characters[0] as DecodedCharacter];
  for (let index = 1; index < characters.length; index++) {
    const before = characters[index - 1] as DecodedCharacter;
    const after = characters[index] as DecodedCharacter;
    const gap = widestBlankRun(ink.columns, column(before), column(after));
    if (isWordGap(before.character, after.character, gap / ink.height, gap / pitch)) {
      spaced.push({
        character: ' ',
        timestep: (before.timestep + after.timestep) / 2,
        probability: Math.min(before.probability, after.probability),
      });
    }
    spaced.push(after);
  }
  if (spaced.length === characters.length) return line;
  return { text: spaced.map((c) => c.character).join(''), confidence: line.confidence, characters: spaced };
}

function isWordGap(before: string, after: string, ofHeight: number, ofPitch: number): boolean {
  if (isSpace(before) || isSpace(after)) return false;
  if (ofHeight >= FIELD_GAP) return true;
  // A letter before a letter or digit, or anything before a letter: words, and a word beside a number.
  const wordy = isLetter(after) || (isLetter(before) && isDigit(after));
  return wordy && ofHeight >= WORD_GAP && ofPitch >= WORD_GAP_OF_PITCH;
}

interface InkProfile {
  /** The ink pixels in each column. */
  readonly columns: Uint16Array;
  /** The height of the text's ink, in pixels. */
  readonly height: number;
}

/** The crop's ink per column, and the height of its text; `undefined` for a crop with no ink. */
function inkProfile(image: Grayscale): InkProfile | undefined {
  const threshold = inkThreshold(image);
  if (threshold === undefined) return undefined;
  const { pixels, width, height } = image;
  const columns = new Uint16Array(width);
  const rows = new Uint32Array(height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if ((pixels[y * width + x] as number) <= threshold) {
        columns[x] = (columns[x] as number) + 1;
        rows[y] = (rows[y] as number) + 1;
      }
    }
  }
  const least = Math.max(...rows) * TEXT_ROW_SHARE;
  const top = rows.findIndex((ink) => ink > least);
  const bottom = rows.findLastIndex((ink) => ink > least);
  return top < 0 ? undefined : { columns, height: bottom - top + 1 };
}

/** The median distance, in columns, between each two characters read one after the other (spaces aside). */
function medianPitch(
  characters: readonly DecodedCharacter[],
  column: (c: DecodedCharacter) => number,
): number {
  const read = characters.filter((c) => !isSpace(c.character));
  const distances = read
    .slice(1)
    .map((after, index) => column(after) - column(read[index] as DecodedCharacter))
    .sort((a, b) => a - b);
  return Math.max(1, distances[Math.floor(distances.length / 2)] as number);
}

/** The longest run of ink-free columns from `from` to `to` (inclusive). */
function widestBlankRun(columns: Uint16Array, from: number, to: number): number {
  let widest = 0;
  let run = 0;
  for (let x = Math.max(0, from); x <= Math.min(columns.length - 1, to); x++) {
    run = columns[x] === 0 ? run + 1 : 0;
    widest = Math.max(widest, run);
  }
  return widest;
}

const isSpace = (character: string) => character.trim() === '';
// Han characters are not spaced: Chinese runs its words together, so a gap between them is no word's end.
const isLetter = (character: string) => /^(?!\p{Script=Han})\p{L}$/u.test(character);
const isDigit = (character: string) => /\p{Nd}/u.test(character);
