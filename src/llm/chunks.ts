/**
 * Splitting a long document into parts a model can read and answer in full: by pages first,
 * by lines when one page is too long, inside a line when one line is (megabytes of one token).
 * Nothing is ever dropped: the chunks' texts together are the whole document.
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

// Tokenizers average about 4 characters per token on English prose and fewer on numbers and tables; 3 keeps
// the estimate on the safe side, so a chunk that fits by estimate fits for real. Other scripts take about a
// token per character (CJK) and rare characters more, so a UTF-16 unit outside ASCII counts as a whole
// token (a character outside the BMP as two). Sizes are counted in thirds of a token to stay whole numbers.
const THIRDS_PER_TOKEN = 3;
const THIRDS_PER_ASCII = 1;
const THIRDS_PER_OTHER = 3;
const PAGE_SEPARATOR = '\n\n';
const LINE_SEPARATOR = '\n';
// A line cut inside is cut after its last space in the piece's final quarter, if there is one, so
// words and numbers near the cut stay whole.
const SPACE_SEARCH_FRACTION = 0.25;

/** A conservative estimate of the tokens in `text`. */
export function estimateTokens(text: string): number {
  return Math.ceil(thirds(text) / THIRDS_PER_TOKEN);
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

/** What {@link chunksWithin} made of a document. */
export interface ChunkPlan {
  readonly chunks: readonly Chunk[];
  /** How many lines were longer than the budget and cut inside their text. */
  readonly linesCut: number;
  /** The length of the longest line cut, in characters; 0 when none was. */
  readonly longestLineCut: number;
}

/**
 * The parts packed in order into as few chunks as fit `budgetTokens` each (by
 * {@link estimateTokens}, separators included). A part larger than the budget is cut at line
 * ends; a line larger than the budget is cut inside, after a space near the budget when there is
 * one, never inside a surrogate pair. Nothing is dropped.
 *
 * @example
 * ```ts
 * chunksWithin(pages.map((p) => ({ text: p.text, pageNumber: p.pageNumber })), 100_000).chunks;
 * ```
 */
export function chunksWithin(parts: readonly TextPart[], budgetTokens: number): ChunkPlan {
  const budget = budgetTokens * THIRDS_PER_TOKEN;
  const cuts = { linesCut: 0, longestLineCut: 0 };
  const chunks: Chunk[] = [];
  let current: TextPart[] = [];
  let currentThirds = 0;
  for (const { part, continuesLine } of parts.flatMap((p) => cutToBudget(p, budget, cuts))) {
    const size = thirds(part.text);
    const separator = current.length > 0 ? thirds(PAGE_SEPARATOR) : 0;
    if (current.length > 0 && (continuesLine || currentThirds + separator + size > budget)) {
      chunks.push({ parts: current });
      current = [];
      currentThirds = 0;
    } else {
      currentThirds += separator;
    }
    current.push(part);
    currentThirds += size;
  }
  if (current.length > 0) chunks.push({ parts: current });
  return { chunks, ...cuts };
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

/** A piece of a part; one that continues a line cut inside must start a chunk, or a separator would be added mid-line. */
interface Piece {
  readonly part: TextPart;
  readonly continuesLine: boolean;
}

/** The part, or its lines packed into pieces within `budget` thirds (lines larger than that cut inside). */
function cutToBudget(
  part: TextPart,
  budget: number,
  cuts: { linesCut: number; longestLineCut: number },
): Piece[] {
  if (thirds(part.text) <= budget) return [{ part, continuesLine: false }];
  const pieces: Piece[] = [];
  let current: { text: string; size: number; continuesLine: boolean } | undefined;
  for (const line of part.text.split(LINE_SEPARATOR)) {
    const segments = cutLine(line, budget);
    if (segments.length > 1) {
      cuts.linesCut += 1;
      cuts.longestLineCut = Math.max(cuts.longestLineCut, line.length);
    }
    segments.forEach((segment, index) => {
      const size = thirds(segment);
      if (index === 0 && current !== undefined && current.size + THIRDS_PER_ASCII + size <= budget) {
        current = {
          ...current,
          text: `${current.text}${LINE_SEPARATOR}${segment}`,
          size: current.size + THIRDS_PER_ASCII + size,
        };
        return;
      }
      if (current !== undefined)
        pieces.push({ part: { ...part, text: current.text }, continuesLine: current.continuesLine });
      current = { text: segment, size, continuesLine: index > 0 };
    });
  }
  if (current !== undefined)
    pieces.push({ part: { ...part, text: current.text }, continuesLine: current.continuesLine });
  return pieces;
}

/** The line in segments of at most `budget` thirds each (of at least one character each, whatever the budget). */
function cutLine(line: string, budget: number): string[] {
  const segments: string[] = [];
  let start = 0;
  let remaining = thirds(line);
  while (remaining > budget && start < line.length) {
    const end = cutAt(line, start, budget);
    segments.push(line.slice(start, end));
    remaining -= thirds(line, start, end);
    start = end;
  }
  if (start < line.length || segments.length === 0) segments.push(line.slice(start));
  return segments;
}

/** Where to end a segment of `line` that starts at `start` and must fit `budget` thirds. */
function cutAt(line: string, start: number, budget: number): number {
  let end = start;
  let size = 0;
  while (end < line.length) {
    const width = isHighSurrogate(line.charCodeAt(end)) && end + 1 < line.length ? 2 : 1;
    const next = size + thirds(line, end, end + width);
    // A segment holds at least one character, whatever the budget, so cutting always progresses.
    if (next > budget && end > start) break;
    size = next;
    end += width;
  }
  const nearEnd = end - Math.floor((end - start) * SPACE_SEARCH_FRACTION);
  const space = line.slice(nearEnd, end - 1).lastIndexOf(' ');
  return space === -1 ? end : nearEnd + space + 1;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** The size of `text` (or of `text.slice(from, to)`) in thirds of a token. */
function thirds(text: string, from = 0, to = text.length): number {
  let size = 0;
  for (let index = from; index < to; index++) {
    size += text.charCodeAt(index) < 0x80 ? THIRDS_PER_ASCII : THIRDS_PER_OTHER;
  }
  return size;
}
