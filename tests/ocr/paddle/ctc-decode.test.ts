import { describe, expect, it } from 'vitest';
import { decodeCtc, decodedWords } from '../../../src/ocr/paddle/ctc-decode.js';

const ALPHABET = ['', 'a', 'b', ' '];

/** One row of probabilities per timestep, the given class at `p` and the rest sharing what is left. */
function output(rows: readonly [number, number][]): Float32Array {
  return Float32Array.from(
    rows.flatMap(([best, p]) =>
      ALPHABET.map((_, index) => (index === best ? p : (1 - p) / (ALPHABET.length - 1))),
    ),
  );
}

describe('greedy CTC decoding', () => {
  it('collapses repeats, drops blanks, and averages the characters’ probabilities', () => {
    const line = decodeCtc(
      output([
        [1, 0.9],
        [1, 0.8],
        [0, 0.99],
        [1, 0.7],
        [2, 0.6],
      ]),
      0,
      5,
      ALPHABET,
    );
    expect(line.text).toBe('aab');
    expect(line.characters.map((c) => c.timestep)).toEqual([0, 3, 4]);
    expect(line.confidence).toBeCloseTo((0.9 + 0.7 + 0.6) / 3, 5);
  });

  it('splits words at spaces, with the timesteps each spans', () => {
    const line = decodeCtc(
      output([
        [1, 0.9],
        [2, 0.9],
        [3, 0.9],
        [0, 0.9],
        [2, 0.5],
      ]),
      0,
      5,
      ALPHABET,
    );
    expect(decodedWords(line)).toEqual([
      { text: 'ab', confidence: expect.closeTo(0.9, 5), start: 0, end: 2 },
      { text: 'b', confidence: expect.closeTo(0.5, 5), start: 4, end: 5 },
    ]);
  });

  it('reads nothing from blanks', () => {
    expect(
      decodeCtc(
        output([
          [0, 0.9],
          [0, 0.9],
        ]),
        0,
        2,
        ALPHABET,
      ),
    ).toEqual({ text: '', confidence: 0, characters: [] });
  });
});
