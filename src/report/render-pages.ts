/**
 * The HTML of a document's pages: each page image (or text grid) with a box over every value found on it.
 *
 * @module
 */
import type { BoundingBox } from '../spec/document.js';
import type { ImagePage, ReportPage, TextPage } from './document-pages.js';
import type { FieldRow } from './field-rows.js';
import { type Html, html } from './html.js';
import { formatValue } from './report-format.js';

// How far a box is drawn outside its value's bounds, in CSS pixels.
const BOX_MARGIN_PX = 3;

/** The pages of the document `name`, each with the boxes of the rows whose value is on it. */
export function renderPages(pages: readonly ReportPage[], name: string, rows: readonly FieldRow[]): Html[] {
  return pages.map((page) => renderPage(page, name, rows));
}

function renderPage(page: ReportPage, name: string, rows: readonly FieldRow[]): Html {
  const boxes = rows
    .filter((row) => row.boxId !== undefined && row.field?.page === page.pageNumber)
    .map((row) => renderBox(row));
  return html`<figure class="page" data-page="${page.pageNumber}">
<figcaption>Page ${page.pageNumber}</figcaption>
${page.kind === 'image' ? renderImageSheet(page, name, boxes) : renderTextSheet(page, boxes)}
</figure>`;
}

function renderImageSheet(page: ImagePage, name: string, boxes: readonly Html[]): Html {
  return html`<div class="sheet"><img src="${page.dataUrl}" width="${page.width}" height="${page.height}" alt="Page ${page.pageNumber} of ${name}">${boxes}</div>`;
}

// The grid is sized in characters and rows, so the boxes' fractions of it land on the characters they mark.
function renderTextSheet(page: TextPage, boxes: readonly Html[]): Html {
  return html`<div class="sheet text-sheet"><div class="grid" style="--columns: ${page.columns}; --rows: ${page.rows.length}"><pre>${page.rows.join('\n')}</pre>${boxes}</div></div>`;
}

function renderBox(row: FieldRow): Html {
  const box = clampToPage(row.field?.box as BoundingBox);
  // Drawn a few pixels outside the value's box, so the border frames the characters instead of crossing them.
  const position = `left: calc(${percent(box.left)} - ${BOX_MARGIN_PX}px); top: calc(${percent(box.top)} - ${BOX_MARGIN_PX}px); width: calc(${percent(box.width)} + ${2 * BOX_MARGIN_PX}px); height: calc(${percent(box.height)} + ${2 * BOX_MARGIN_PX}px)`;
  const label = `${row.path}: ${formatValue(row.field?.value)}`;
  return html`<button type="button" class="box tone-${row.tone}" id="${row.boxId}" data-field="${row.rowId}" tabindex="-1" style="${position}" aria-label="${label}" title="${label}"></button>`;
}

// A box reaching past the page's edge (OCR of a page's margin can) is cut at the edge, where it is drawn.
function clampToPage(box: BoundingBox): BoundingBox {
  const left = clamp(box.left);
  const top = clamp(box.top);
  return { left, top, width: clamp(box.width, 1 - left), height: clamp(box.height, 1 - top) };
}

function clamp(value: number, max = 1): number {
  return Number.isFinite(value) ? Math.min(Math.max(value, 0), max) : 0;
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(3)}%`;
}
