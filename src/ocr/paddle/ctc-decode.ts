/**
 * Greedy CTC decoding of the recognizer's output, keeping where along the line each character was read, and
 * grouping the characters into words at spaces.
 *
 * @module
 */

/** One decoded character and the timestep it was emitted at. */
export interface DecodedCharacter {
  readonly character: string;
  readonly timestep: number;
  readonly probability: number;
}

/** A line's text, its confidence (the mean of its characters' probabilities) and its characters. */
export interface DecodedLine {
  readonly text: string;
  readonly confidence: number;
  readonly characters: readonly DecodedCharacter[];
}

/** A word of a decoded line: its text, confidence, and the timesteps it spans (end exclusive). */
export interface DecodedWord {
  readonly text: string;
  readonly confidence: number;
  readonly start: number;
  readonly end: number;
}

/**
 * The line encoded in `timesteps` rows of `alphabet.length` probabilities starting at `offset`: at each
 * timestep the most probable class, repeats collapsed and blanks (class 0) dropped.
 *
 * @param alphabet - The class of each index: index 0 is the blank.
 */
export function decodeCtc(
  probabilities: Float32Array,
  offset: number,
  timesteps: number,
  alphabet: readonly string[],
): DecodedLine {
  const classes = alphabet.length;
  const characters: DecodedCharacter[] = [];
  let previous = 0;
  for (let timestep = 0; timestep < timesteps; timestep++) {
    const row = offset + timestep * classes;
    let best = 0;
    let probability = probabilities[row] as number;
    for (let index = 1; index < classes; index++) {
      const value = probabilities[row + index] as number;
      if (value > probability) {
        best = index;
        probability = value;
      }
    }
    if (best !== 0 && best !== previous) {
      characters.push({ character: alphabet[best] as string, timestep, probability });
    }
    previous = best;
  }
  const confidence =
    characters.length === 0 ? 0 : characters.reduce((sum, c) => sum + c.probability, 0) / characters.length;
  return { text: characters.map((c) => c.character).join(''), confidence, characters };
}

/** The words of a decoded line: runs of characters between spaces. */
export function decodedWords(line: DecodedLine): DecodedWord[] {
  const words: DecodedWord[] = [];
  let run: DecodedCharacter[] = [];
  const flush = () => {
    const first = run[0];
    const last = run.at(-1);
    if (first !== undefined && last !== undefined) {
      words.push({
        text: run.map((c) => c.character).join(''),
        confidence: run.reduce((sum, c) => sum + c.probability, 0) / run.length,
        start: first.timestep,
        end: last.timestep + 1,
      });
    }
    run = [];
  };
  for (const character of line.characters) {
    if (character.character.trim() === '') flush();
    else run.push(character);
  }
  flush();
  return words;
}
