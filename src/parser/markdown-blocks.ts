/**
 * Markdown from a page in reading order: headings, paragraphs, lists, lines kept apart, key-value pairs and
 * pipe tables, blocks separated by one blank line.
 *
 * @module
 */
import type { LayoutRole, OcrKeyValue } from '../spec/document.js';
import { markdownListItem } from './list-markers.js';
import { keyValueListItem } from './markdown-key-values.js';
import { markdownTable } from './markdown-table.js';
import type { ReadPage, ReadText } from './reading-order.js';
import type { TableGrid } from './table-grid.js';

/** What the markdown parser places on a page in place of the lines it covers. */
export type MarkdownPlaced = TableGrid | OcrKeyValue;

type BlockKind = 'heading' | 'paragraph' | 'list' | 'lines' | 'table';

interface Block {
  readonly kind: BlockKind;
  /** For headings: 1 for `#`, 2 for `##`. */
  readonly level: number;
  /**
   * Each output line as the pieces it is joined from: a paragraph's wrapped lines stay separate pieces until the
   * page is rendered, since growing one string and testing its end per wrapped line is quadratic in its length.
   */
  readonly lines: string[][];
}

// A line this much taller than the page's median line, short and alone on its row, is a heading; `#` when
// it is also about as tall as the tallest line of the page.
const HEADING_HEIGHT_RATIO = 1.2;
const TITLE_HEIGHT_RATIO = 1.4;
const HEADING_MAX_CHARS = 80;
// Size alone does not make a heading of a number (a big total, a stamp, a page number) or of a label with its
// value (a handwritten answer makes its line tall): a heading has a word, and what follows a colon in it holds
// no number and no further label, as in "Part 2: Scope" but not "Phone: 555-0100" or "Name: Jo Sex: F".
const HEADING_TEXT = /\p{L}{2}/u;
const LABELLED_VALUE = /^[^:]{1,40}:\s+.*[\d:]/;
const MARGIN_ROLES: ReadonlySet<LayoutRole | undefined> = new Set(['pageHeader', 'pageFooter', 'pageNumber']);

/** The page's markdown. */
export function markdownPage({ items, metrics }: ReadPage<MarkdownPlaced>): string {
  const tallest = items.reduce(
    (most, item) => (item.kind === 'text' ? Math.max(most, item.textHeight) : most),
    0,
  );
  const blocks: Block[] = [];
  const add = (kind: BlockKind, text: string, continues: boolean, level = 0) => {
    const last = blocks.at(-1);
    if (continues && last?.kind === kind && last.level === level) last.lines.push([text]);
    else blocks.push({ kind, level, lines: [[text]] });
  };
  for (const item of items) {
    if (item.kind === 'placed') {
      if ('pieces' in item.value) add('table', markdownTable(item.value), false);
      else add('list', keyValueListItem(item.value), true);
      continue;
    }
    const text = item.pieces.join(' | ');
    const continues = !item.breakBefore;
    const level = headingLevel(item, metrics.lineHeight, tallest);
    const listItem =
      item.role === 'listItem' ? (markdownListItem(text) ?? `- ${text}`) : markdownListItem(text);
    const last = blocks.at(-1);
    if (level > 0) add('heading', text, continues, level);
    // A row of separate pieces (cells, a label and its value) stays one line, pieces joined by ` | `.
    else if (item.pieces.length > 1 || MARGIN_ROLES.has(item.role)) add('lines', text, continues);
    // A list continues over gaps: a blank line between items would only make it a loose list.
    else if (listItem !== undefined) add('list', listItem, true);
    else if (continues && (last?.kind === 'paragraph' || last?.kind === 'list')) {
      // A wrapped line of a paragraph or of a list item joins the text it continues.
      const pieces = last.lines.at(-1);
      if (pieces) pieces.push(wrappedPiece(pieces.at(-1) ?? '', text));
      else last.lines.push([text]);
    } else add('paragraph', text, false);
  }
  return blocks
    .map((block) => render(block))
    .filter((text) => text !== '')
    .join('\n\n');
}

function render(block: Block): string {
  const lines = block.lines.map((pieces) => pieces.join(''));
  if (block.kind === 'heading') return `${'#'.repeat(block.level)} ${lines.join(' ')}`;
  return lines.filter((line) => line !== '').join('\n');
}

/** 1 for `#`, 2 for `##`, 0 for a line that is not a heading. */
function headingLevel(line: ReadText, lineHeight: number, tallest: number): number {
  if (line.role === 'title') return 1;
  if (line.role === 'sectionHeading') return 2;
  if (line.role !== undefined && line.role !== 'paragraph') return 0;
  const height = line.textHeight;
  const text = line.pieces[0] ?? '';
  if (
    line.pieces.length !== 1 ||
    text.length > HEADING_MAX_CHARS ||
    !HEADING_TEXT.test(text) ||
    LABELLED_VALUE.test(text) ||
    height < HEADING_HEIGHT_RATIO * lineHeight
  )
    return 0;
  return height >= TITLE_HEIGHT_RATIO * lineHeight && height >= 0.9 * tallest ? 1 : 2;
}

/**
 * The piece a wrapped line adds after the piece `before` it: the line after a space, or right after a word
 * hyphenated across the break.
 */
function wrappedPiece(before: string, after: string): string {
  if (before === '') return after;
  return /\p{L}-$/u.test(before) && /^\p{Ll}/u.test(after) ? after : ` ${after}`;
}
