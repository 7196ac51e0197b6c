/**
 * Splitting a long document into parts a model can read and answer in full: by pages first,
 * by lines when one page is too long. Nothing is ever dropped: the chunks' texts together are
 * the whole document.
 *
 * @module
 */

/** A piece of the document's text: a page, or the whole text when it has no pages. */
export interface TextPart {
  readonly text: string;
  /** The page it comes from, when the document has pages. */
  readonly pageNumber?: number;
}

/** Consecutive parts extracted in one request. */
export interface Chunk {
  readonly parts: readonly TextPart[];
}

// Tokenizers average about 4 characters per token on English prose and fewer on numbers and
// tables; 3 keeps the estimate on the safe side, so a chunk that fits by estimate fits for real.
const CHARACTERS_PER_TOKEN = 3;
const PAGE_SEPARATOR = '\n\n';

/** A conservative estimate of the tokens in `text`. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARACTERS_PER_TOKEN);
}

/** The text a chunk sends: its parts joined by blank lines. */
export function chunkText(chunk: Chunk): string {
  return chunk.parts.map((part) => part.text).join(PAGE_SEPARATOR);
}

/** The page numbers a chunk covers, in order and without repeats. */
export function chunkPages(chunk: Chunk): number[] {
  return [
    ...new Set(chunk.parts.flatMap((part) => (part.pageNumber === undefined ? [] : [part.pageNumber]))),
  ];
}

/**
 * The parts packed in order into as few chunks as fit `budgetTokens` each. A part larger than the
 * budget is cut at line ends (at the budget itself for a single enormous line).
 *
 * @example
 * ```ts
 * chunksWithin(pages.map((p) => ({ text: p.text, pageNumber: p.pageNumber })), 100_000);
 * ```
 */
export function chunksWithin(parts: readonly TextPart[], budgetTokens: number): Chunk[] {
  const chunks: Chunk[] = [];
  let current: TextPart[] = [];
  let currentTokens = 0;
  for (const part of parts.flatMap((p) => cutToBudget(p, budgetTokens))) {
    const tokens = estimateTokens(part.text);
    if (current.length > 0 && currentTokens + tokens > budgetTokens) {
      chunks.push({ parts: current });
      current = [];
      currentTokens = 0;
    }
    current.push(part);
    currentTokens += tokens;
  }
  if (current.length > 0) chunks.push({ parts: current });
  return chunks;
}

/**
 * A chunk cut in two, for an answer that did not fit the output limit: between pages when it
 * has several, else between lines. `undefined` when it is a single line and cannot be cut.
 */
export function halve(chunk: Chunk): [Chunk, Chunk] | undefined {
  const [only] = chunk.parts;
  if (chunk.parts.length === 1 && only) {
    const lines = only.text.split('\n');
    if (lines.length < 2) return undefined;
    const middle = Math.ceil(lines.length / 2);
    const piece = (slice: string[]): Chunk => ({ parts: [{ ...only, text: slice.join('\n') }] });
    return [piece(lines.slice(0, middle)), piece(lines.slice(middle))];
  }
  const middle = Math.ceil(chunk.parts.length / 2);
  return [{ parts: chunk.parts.slice(0, middle) }, { parts: chunk.parts.slice(middle) }];
}

function cutToBudget(part: TextPart, budgetTokens: number): TextPart[] {
  if (estimateTokens(part.text) <= budgetTokens) return [part];
  const budgetCharacters = budgetTokens * CHARACTERS_PER_TOKEN;
  const pieces: string[] = [];
  let current = '';
  for (const line of part.text.split('\n').flatMap((l) => cutLine(l, budgetCharacters))) {
    const candidate = current === '' ? line : `${current}\n${line}`;
    if (current !== '' && candidate.length > budgetCharacters) {
      pieces.push(current);
      current = line;
    } else {
      current = candidate;
    }
  }
  pieces.push(current);
  return pieces.map((text) => ({ ...part, text }));
}

function cutLine(line: string, budgetCharacters: number): string[] {
  if (line.length <= budgetCharacters) return [line];
  const pieces: string[] = [];
  for (let start = 0; start < line.length; start += budgetCharacters) {
    pieces.push(line.slice(start, start + budgetCharacters));
  }
  return pieces;
}
