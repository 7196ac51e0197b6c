/**
 * Repairing an `OcrDocument` at a stage boundary, so that nothing downstream (parsers, grounding, the heuristic
 * extractor) ever reads a NaN box, an off-page coordinate, a duplicate id or a control character, whichever
 * provider made the document: ours, a user's, a damaged file's, or a cache entry.
 *
 * @module
 */

import type {
  BoundingBox,
  LayoutBlock,
  OcrDocument,
  OcrKeyValue,
  OcrLine,
  OcrPage,
  OcrSelectionMark,
  OcrTable,
  OcrTableCell,
  OcrWord,
  Warning,
} from '../spec/document.js';
import {
  CELL_CONTROL_CHARACTERS,
  cellId,
  gridNumber,
  isBoxInPage,
  isConfidence,
  isLayoutRole,
  isPageUnit,
  LINE_CONTROL_CHARACTERS,
  lineId,
  tableExtent,
} from './ocr-invariants.js';

/**
 * The most words one page may hold. A dense page of small print has about 5,000; a page claiming far more is
 * damaged or hostile, and the layout analysis downstream (the heuristic extractor, grounding) takes seconds a
 * page at this size: it grows faster than linearly with words crowded onto one baseline.
 */
export const MAX_WORDS_PER_PAGE = 20_000;
/** The most grid positions (rows × columns) one table may span; cells beyond it are dropped. */
export const MAX_TABLE_POSITIONS = 100_000;

/** A repaired document and what was repaired. */
export interface SanitizedOcrDocument {
  /** The same object as given when nothing needed repair. */
  readonly document: OcrDocument;
  /** One warning per page and kind of repair; empty when nothing needed repair. */
  readonly warnings: readonly Warning[];
}

/**
 * `document` with every invariant of the model restored: elements whose box is not four finite numbers, or lies
 * wholly off the page, are dropped; boxes reaching past the page are clamped onto it; ids are made unique and
 * well-formed; control characters become spaces; table indices and spans become whole numbers on a bounded
 * grid; pages are capped at {@link MAX_WORDS_PER_PAGE} words. Pages that need no repair are returned as they
 * are, so a clean document costs one pass and no copy.
 *
 * @example
 * ```ts
 * const { document, warnings } = sanitizeOcrDocument(recognition.document);
 * ```
 */
export function sanitizeOcrDocument(document: OcrDocument): SanitizedOcrDocument {
  if (repairedDocuments.has(document)) return { document, warnings: [] };
  const repaired = repairDocument(document);
  repairedDocuments.add(repaired.document);
  return repaired;
}

// Documents this module returned: the OCR stage repairs its output, and the parser and the extraction stage that
// read the same object need not look through it again. Documents are immutable by contract.
const repairedDocuments = new WeakSet<OcrDocument>();

function repairDocument(document: OcrDocument): SanitizedOcrDocument {
  const warnings: Warning[] = [];
  let previous = 0;
  let changed = false;
  const pages: OcrPage[] = [];
  for (const page of arrayOf<OcrPage>(document.pages)) {
    if (!isObject(page)) {
      changed = true;
      warnings.push({
        code: 'ocr-invalid-content',
        message: `The OCR result held a page that is not an object (${typeof page}); it was dropped.`,
      });
      continue;
    }
    const pageNumber =
      Number.isSafeInteger(page.pageNumber) && page.pageNumber > previous ? page.pageNumber : previous + 1;
    previous = pageNumber;
    const tally = new Tally();
    if (pageNumber !== page.pageNumber) tally.repaired('page number');
    const repaired = repairPage(page, pageNumber, tally);
    changed ||= repaired !== page;
    pages.push(repaired);
    warnings.push(...tally.warnings(pageNumber, page, repaired));
  }
  const markdown = document.markdown;
  const badMarkdown = markdown !== undefined && typeof markdown !== 'string';
  if (!changed && !badMarkdown && Array.isArray(document.pages)) return { document, warnings };
  const { markdown: _, ...rest } = document;
  return {
    document: { ...rest, pages, ...(typeof markdown === 'string' ? { markdown } : {}) },
    warnings,
  };
}

/** How many things of each kind a page's repair dropped, clamped or rewrote, for its warnings. */
class Tally {
  /** Elements dropped for their box. */
  readonly dropped = new Map<string, number>();
  readonly clamped = new Map<string, number>();
  /** Elements dropped for what they hold: no text, no place in their table, no object at all. */
  readonly discarded = new Map<string, number>();
  readonly rewritten = new Map<string, number>();
  truncatedWords = 0;

  drop(what: string): undefined {
    bump(this.dropped, what);
    return undefined;
  }

  discard(what: string): undefined {
    bump(this.discarded, what);
    return undefined;
  }

  clamp(what: string): void {
    bump(this.clamped, what);
  }

  repaired(what: string): void {
    bump(this.rewritten, what);
  }

  /** Counts a value rewritten as `replacement`, and returns the replacement. */
  replaced<T>(what: string, replacement: T): T {
    this.repaired(what);
    return replacement;
  }

  warnings(pageNumber: number, original: OcrPage, page: OcrPage): Warning[] {
    const warnings: Warning[] = [];
    const at = { page: pageNumber };
    if (this.dropped.size > 0 || this.clamped.size > 0) {
      const parts = [
        this.dropped.size > 0
          ? `dropped ${describe(this.dropped)} whose box was not a number or lay off the page`
          : '',
        this.clamped.size > 0
          ? `clamped ${describe(this.clamped)} reaching past its edges onto the page`
          : '',
      ].filter(Boolean);
      warnings.push({
        code: 'ocr-invalid-geometry',
        message: `Page ${pageNumber} of the OCR result had invalid geometry: ${parts.join('; ')}.`,
        ...at,
      });
    }
    if (this.discarded.size > 0 || this.rewritten.size > 0) {
      const parts = [
        this.discarded.size > 0 ? `dropped ${describe(this.discarded)} it could not use` : '',
        this.rewritten.size > 0 ? `rewrote ${describe(this.rewritten)}` : '',
      ].filter(Boolean);
      warnings.push({
        code: 'ocr-invalid-content',
        message: `Page ${pageNumber} of the OCR result was repaired to keep the document model's invariants: ${parts.join('; ')}.`,
        ...at,
      });
    }
    if (this.truncatedWords > 0) {
      warnings.push({
        code: 'ocr-page-too-dense',
        message: `Page ${pageNumber} of the OCR result has more than ${MAX_WORDS_PER_PAGE.toLocaleString('en-US')} words; the last ${this.truncatedWords.toLocaleString('en-US')} were dropped. Check the page: no printed page holds that much text.`,
        ...at,
      });
    }
    const hadContent = arrayOf(original.lines).length + arrayOf(original.tables).length > 0;
    if (hadContent && page.lines.length + page.tables.length === 0) {
      warnings.push({
        code: 'ocr-invalid-page',
        message: `Page ${pageNumber} of the OCR result held nothing readable, so it is treated as an empty page.`,
        ...at,
      });
    }
    return warnings;
  }
}

function repairPage(page: OcrPage, pageNumber: number, tally: Tally): OcrPage {
  const ids = new Set<string>();
  const lines = repairLines(page.lines, pageNumber, ids, tally);
  const tables = mapKeeping(page.tables, (table, index) => repairTable(table, pageNumber, index, ids, tally));
  const keyValues = mapKeeping(page.keyValues, (pair) => repairKeyValue(pair, tally));
  const selectionMarks = mapKeeping(page.selectionMarks, (mark) => repairSelectionMark(mark, tally));
  const layout = mapKeeping(page.layout, (block) => repairLayoutBlock(block, tally));
  const size = repairSize(page, tally);
  const unit = isPageUnit(page.unit) ? page.unit : tally.replaced('page unit', 'pixel' as const);
  const angle = repairAngle(page.angle, tally);
  const linesChanged = lines !== page.lines;
  const words =
    linesChanged || !(Number.isSafeInteger(page.words) && page.words >= 0) ? countWords(lines) : page.words;
  if (
    pageNumber === page.pageNumber &&
    !linesChanged &&
    tables === page.tables &&
    keyValues === page.keyValues &&
    selectionMarks === page.selectionMarks &&
    layout === page.layout &&
    size === undefined &&
    unit === page.unit &&
    angle === page.angle &&
    words === page.words
  ) {
    return page;
  }
  return {
    pageNumber,
    width: size?.width ?? page.width,
    height: size?.height ?? page.height,
    unit,
    angle,
    lines,
    words,
    tables,
    keyValues,
    selectionMarks,
    layout,
  };
}

/** A usable page size, or `undefined` when the page's own is one. A page without one is given a unit square. */
function repairSize(page: OcrPage, tally: Tally): { width: number; height: number } | undefined {
  const usable = (value: unknown) => typeof value === 'number' && value > 0 && Number.isFinite(value);
  if (usable(page.width) && usable(page.height)) return undefined;
  tally.repaired('page size');
  return { width: 1, height: 1 };
}

function repairAngle(angle: unknown, tally: Tally): number {
  if (typeof angle === 'number' && angle >= 0 && angle < 360) return angle;
  tally.repaired('page angle');
  if (typeof angle !== 'number' || !Number.isFinite(angle)) return 0;
  return ((angle % 360) + 360) % 360;
}

function repairLines(
  lines: readonly OcrLine[],
  pageNumber: number,
  ids: Set<string>,
  tally: Tally,
): readonly OcrLine[] {
  let nextIndex = 0;
  let wordBudget = MAX_WORDS_PER_PAGE;
  return mapKeeping(lines, (line) => {
    if (wordBudget <= 0) {
      tally.truncatedWords += Math.max(1, arrayOf(line?.words).length);
      return undefined;
    }
    const repaired = repairLine(line, tally);
    if (repaired === undefined) return undefined;
    // Ids are repaired after the line is kept, so that dropped lines leave no gaps in fresh ids.
    const id = uniqueId(repaired.id, ids, () => freeLineId(pageNumber, ids, nextIndex++), tally, 'line id');
    if (id === undefined) return tally.discard('line');
    nextIndex = Math.max(nextIndex, trailingNumber(id) + 1);
    wordBudget -= repaired.words?.length ?? 1;
    return id === repaired.id ? repaired : { ...repaired, id };
  });
}

function repairLine(line: OcrLine, tally: Tally): OcrLine | undefined {
  if (!isObject(line) || typeof line.text !== 'string') return tally.discard('line');
  const box = repairBox(line.box, tally, 'line');
  if (box === undefined) return undefined;
  const text = cleanText(line.text, LINE_CONTROL_CHARACTERS, tally);
  const confidence = repairConfidence(line.confidence, tally) ?? 0;
  const words =
    line.words === undefined ? undefined : mapKeeping(line.words, (word) => repairWord(word, tally));
  if (box === line.box && text === line.text && confidence === line.confidence && words === line.words)
    return line;
  const { words: _, ...rest } = line;
  return { ...rest, box, text, confidence, ...(words ? { words } : {}) };
}

function repairWord(word: OcrWord, tally: Tally): OcrWord | undefined {
  if (!isObject(word) || typeof word.text !== 'string') return tally.discard('word');
  const box = repairBox(word.box, tally, 'word');
  if (box === undefined) return undefined;
  const text = cleanText(word.text, LINE_CONTROL_CHARACTERS, tally);
  const confidence = repairConfidence(word.confidence, tally) ?? 0;
  if (box === word.box && text === word.text && confidence === word.confidence) return word;
  return { text, box, confidence };
}

function repairTable(
  table: OcrTable,
  pageNumber: number,
  tableIndex: number,
  ids: Set<string>,
  tally: Tally,
): OcrTable | undefined {
  if (!isObject(table)) return tally.discard('table');
  const cells = mapKeeping(table.cells, (cell) => {
    const repaired = repairCell(cell, tally);
    if (repaired === undefined) return undefined;
    const fresh = () => cellId(pageNumber, tableIndex, repaired.rowIndex, repaired.columnIndex);
    const id = uniqueId(repaired.id, ids, fresh, tally, 'table cell id');
    // A fresh id is taken only by a second cell claiming the same position: the first one keeps it.
    if (id === undefined) return tally.discard('table cell');
    return id === repaired.id ? repaired : { ...repaired, id };
  });
  const { rowCount, columnCount } = tableExtent(cells, {
    rowCount: gridNumber(table.rowCount) ?? 0,
    columnCount: gridNumber(table.columnCount) ?? 0,
  });
  // Either count alone can be huge with the other 0: the parsers still lay out every empty row.
  if (Math.max(1, rowCount) * Math.max(1, columnCount) > MAX_TABLE_POSITIONS) {
    return tally.discard('oversized table');
  }
  const box = table.box === undefined ? undefined : repairBox(table.box, tally, 'table');
  const boxKept = box === table.box || (box === undefined && table.box === undefined);
  if (
    cells === table.cells &&
    boxKept &&
    rowCount === table.rowCount &&
    columnCount === table.columnCount &&
    typeof table.id === 'string'
  ) {
    return table;
  }
  if (rowCount !== table.rowCount || columnCount !== table.columnCount) tally.repaired('table size');
  const { box: _, ...rest } = table;
  return {
    ...rest,
    id: typeof table.id === 'string' ? table.id : tally.replaced('table id', `p${pageNumber}-t${tableIndex}`),
    rowCount,
    columnCount,
    cells,
    ...(box ? { box } : {}),
  };
}

function repairCell(cell: OcrTableCell, tally: Tally): OcrTableCell | undefined {
  if (!isObject(cell) || typeof cell.text !== 'string') return tally.discard('table cell');
  const rowIndex = gridNumber(cell.rowIndex);
  const columnIndex = gridNumber(cell.columnIndex);
  if (rowIndex === undefined || columnIndex === undefined) return tally.discard('table cell');
  const rowSpan = Math.max(1, gridNumber(cell.rowSpan) ?? 1);
  const columnSpan = Math.max(1, gridNumber(cell.columnSpan) ?? 1);
  if ((rowIndex + rowSpan) * (columnIndex + columnSpan) > MAX_TABLE_POSITIONS)
    return tally.discard('table cell');
  const box = cell.box === undefined ? undefined : repairBox(cell.box, tally, 'table cell');
  const text = cleanText(cell.text, CELL_CONTROL_CHARACTERS, tally);
  const confidence = repairConfidence(cell.confidence, tally);
  if (
    rowSpan === cell.rowSpan &&
    columnSpan === cell.columnSpan &&
    box === cell.box &&
    text === cell.text &&
    confidence === cell.confidence
  ) {
    return cell;
  }
  if (rowSpan !== cell.rowSpan || columnSpan !== cell.columnSpan) tally.repaired('table cell span');
  const { box: _, confidence: __, ...rest } = cell;
  return {
    ...rest,
    rowSpan,
    columnSpan,
    text,
    ...(box ? { box } : {}),
    ...(confidence === undefined ? {} : { confidence }),
  };
}

function repairKeyValue(pair: OcrKeyValue, tally: Tally): OcrKeyValue | undefined {
  if (!isObject(pair) || typeof pair.key !== 'string' || typeof pair.value !== 'string') {
    return tally.discard('key-value pair');
  }
  // A pair keeps its text when its boxes are bad: the boxes are optional, the text is what readers want.
  const keyBox = pair.keyBox === undefined ? undefined : repairBox(pair.keyBox, tally, 'key box');
  const valueBox = pair.valueBox === undefined ? undefined : repairBox(pair.valueBox, tally, 'value box');
  const key = cleanText(pair.key, CELL_CONTROL_CHARACTERS, tally);
  const value = cleanText(pair.value, CELL_CONTROL_CHARACTERS, tally);
  const confidence = repairConfidence(pair.confidence, tally);
  if (
    keyBox === pair.keyBox &&
    valueBox === pair.valueBox &&
    key === pair.key &&
    value === pair.value &&
    confidence === pair.confidence
  ) {
    return pair;
  }
  return {
    key,
    value,
    ...(keyBox ? { keyBox } : {}),
    ...(valueBox ? { valueBox } : {}),
    ...(confidence === undefined ? {} : { confidence }),
  };
}

function repairSelectionMark(mark: OcrSelectionMark, tally: Tally): OcrSelectionMark | undefined {
  if (!isObject(mark)) return tally.discard('selection mark');
  const box = repairBox(mark.box, tally, 'selection mark');
  if (box === undefined) return undefined;
  const confidence = repairConfidence(mark.confidence, tally);
  const selected = mark.selected === true;
  if (box === mark.box && confidence === mark.confidence && selected === mark.selected) return mark;
  return { selected, box, ...(confidence === undefined ? {} : { confidence }) };
}

function repairLayoutBlock(block: LayoutBlock, tally: Tally): LayoutBlock | undefined {
  if (!isObject(block)) return tally.discard('layout block');
  const box = repairBox(block.box, tally, 'layout block');
  if (box === undefined) return undefined;
  const role = isLayoutRole(block.role) ? block.role : tally.replaced('layout role', 'other' as const);
  const text =
    typeof block.text === 'string' ? cleanText(block.text, CELL_CONTROL_CHARACTERS, tally) : undefined;
  if (box === block.box && role === block.role && text === block.text) return block;
  return { role, box, ...(text === undefined ? {} : { text }) };
}

/**
 * `box` itself when it lies on the page; clamped onto the page when it reaches past an edge; `undefined` (and
 * counted as dropped) when it is not four finite numbers, has a negative size, or lies wholly off the page.
 */
function repairBox(box: BoundingBox, tally: Tally, what: string): BoundingBox | undefined {
  if (!isObject(box)) return tally.drop(what);
  const { left, top, width, height } = box;
  if (![left, top, width, height].every(Number.isFinite) || width < 0 || height < 0) return tally.drop(what);
  if (isBoxInPage(box)) return box;
  const x = clampSpan(left, width);
  const y = clampSpan(top, height);
  // Nothing of it on the page: whatever it says cannot be placed.
  if (x === undefined || y === undefined) return tally.drop(what);
  tally.clamp(what);
  return { left: x.start, top: y.start, width: x.size, height: y.size };
}

/**
 * The part of the span `start`..`start + size` that lies within 0..1, as it is when it lies there already;
 * `undefined` when a span with a size has none of it there.
 */
function clampSpan(start: number, size: number): { start: number; size: number } | undefined {
  if (start >= 0 && start + size <= 1) return { start, size };
  const from = clamp01(start);
  const to = clamp01(start + size);
  if (to <= from && size > 0) return undefined;
  return { start: from, size: to - from };
}

/** A confidence in 0..1 (clamped), `undefined` when there was none; a value that is not a number counts as 0. */
function repairConfidence(confidence: unknown, tally: Tally): number | undefined {
  if (confidence === undefined || isConfidence(confidence)) return confidence;
  tally.repaired('confidence');
  return typeof confidence === 'number' && confidence > 1 ? 1 : 0;
}

function cleanText(text: string, controls: RegExp, tally: Tally): string {
  // `replace` returns the very same string when nothing matches, so clean text costs no copy.
  const cleaned = text.replace(controls, ' ');
  if (cleaned !== text) tally.repaired('text with control characters');
  return cleaned;
}

/**
 * `id` when it is a string no other line or cell of the page has; else a fresh one (or `undefined` when that is
 * taken too). Ids of another shape than docpipe's are kept: a provider of the user's own may name its lines.
 */
function uniqueId(
  id: unknown,
  taken: Set<string>,
  fresh: () => string,
  tally: Tally,
  what: string,
): string | undefined {
  if (typeof id === 'string' && id !== '' && !taken.has(id)) {
    taken.add(id);
    return id;
  }
  const replacement = fresh();
  if (taken.has(replacement)) return undefined;
  tally.repaired(what);
  taken.add(replacement);
  return replacement;
}

/** `p<page>-l<index>`, or the first id after it that no other line of the page has. */
function freeLineId(pageNumber: number, taken: ReadonlySet<string>, index: number): string {
  let id = lineId(pageNumber, index);
  while (taken.has(id)) id = lineId(pageNumber, ++index);
  return id;
}

function trailingNumber(id: string | undefined): number {
  const match = id === undefined ? null : /(\d+)$/.exec(id);
  return match ? Number(match[1]) : -1;
}

function countWords(lines: readonly OcrLine[]): number {
  let words = 0;
  for (const line of lines) words += line.words?.length ?? line.text.split(/\s+/).filter(Boolean).length;
  return words;
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}

/**
 * `items` mapped by `repair`, where `undefined` drops an item: the very same array when every item came back
 * unchanged, so a clean page is not copied. Anything that is not an array counts as an empty one.
 */
function mapKeeping<T>(
  items: readonly T[] | undefined,
  repair: (item: T, index: number) => T | undefined,
): readonly T[] {
  if (!Array.isArray(items)) return [];
  let copy: T[] | undefined;
  for (let index = 0; index < items.length; index++) {
    const item = items[index] as T;
    const repaired = repair(item, index);
    if (copy === undefined && repaired !== item) copy = items.slice(0, index);
    if (copy !== undefined && repaired !== undefined) copy.push(repaired);
  }
  return copy ?? items;
}

function arrayOf<T>(value: unknown): readonly T[] {
  return Array.isArray(value) ? value : [];
}

function isObject<T>(value: T): value is T & object {
  return typeof value === 'object' && value !== null;
}

function bump(counts: Map<string, number>, what: string): void {
  counts.set(what, (counts.get(what) ?? 0) + 1);
}

/** `3 lines, 1 word` from counts by kind. */
function describe(counts: ReadonlyMap<string, number>): string {
  return [...counts].map(([what, count]) => `${count} ${count === 1 ? what : plural(what)}`).join(', ');
}

function plural(what: string): string {
  if (what.endsWith('box')) return `${what}es`;
  return what.endsWith('s') ? what : `${what}s`;
}
