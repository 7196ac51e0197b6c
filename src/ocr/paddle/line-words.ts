/**
 * Placing a recognised line's words on the page: the recognizer emits each character at a timestep, a slice
 * of the line crop's width, so a word spans the slices of its first to its last character.
 *
 * @module
 */
import { type DecodedWord, decodedWords } from './ctc-decode.js';
import type { PixelRegion } from './gray-image.js';
import type { RecognizedLine } from './text-recognition.js';

/** A word in the page's pixels. */
export interface PlacedWord {
  readonly text: string;
  readonly confidence: number;
  readonly box: PixelRegion;
}

/** How a line's crop was taken from the page, to map positions along the crop back onto it. */
export interface LineFrame {
  /** The line's box on the page, in pixels. */
  readonly box: PixelRegion;
  /** The crop reads the box top to bottom (it was turned from a tall box). */
  readonly vertical: boolean;
  /** The crop was turned 180° before it was read. */
  readonly upsideDown: boolean;
}

// A character is emitted at one timestep inside its glyph, not at its edges: half a timestep each side of a
// word's first and last emission reaches the edges of most glyphs without running into the next word.
const EDGE_TIMESTEPS = 0.5;

/** The words of `line`, boxed in the page's pixels within the line's box. */
export function placeWords(line: RecognizedLine, frame: LineFrame): PlacedWord[] {
  return decodedWords(line.decoded).map((word) => ({
    text: word.text,
    confidence: word.confidence,
    box: wordBox(word, line.timestepFraction, frame),
  }));
}

function wordBox(word: DecodedWord, timestepFraction: number, frame: LineFrame): PixelRegion {
  const along = (timestep: number) => Math.min(1, Math.max(0, timestep * timestepFraction));
  let from = along(word.start - EDGE_TIMESTEPS);
  let to = along(word.end + EDGE_TIMESTEPS);
  if (frame.upsideDown) [from, to] = [1 - to, 1 - from];
  const { box } = frame;
  return frame.vertical
    ? { left: box.left, top: box.top + from * box.height, width: box.width, height: (to - from) * box.height }
    : { left: box.left + from * box.width, top: box.top, width: (to - from) * box.width, height: box.height };
}
