/**
 * The HTML of a document's field table (path and page, value, confidence, and the outcome when judged) and of
 * its data as JSON.
 *
 * @module
 */
import type { GroundedField } from '../spec/document.js';
import type { ReportFieldOutcome } from './field-outcomes.js';
import type { FieldRow } from './field-rows.js';
import { TONE_LABELS } from './field-tone.js';
import { type Html, html } from './html.js';
import { formatPercent, formatValue } from './report-format.js';
import type { ReportItem } from './report-item.js';

/** The table of the document's fields, or a line saying there are none. */
export function renderFieldTable(item: ReportItem, rows: readonly FieldRow[]): Html {
  const judged = item.outcomes !== undefined;
  if (rows.length === 0) {
    return html`<p class="no-match">${item.status === 'failed' ? 'Nothing was extracted: the document failed.' : 'No fields were extracted.'}</p>`;
  }
  return html`<table class="fields">
<caption>Extracted fields of ${item.name}<span class="detail">Click a field to see its box on the page, or a box to find its field.</span></caption>
<colgroup><col class="col-field"><col class="col-value"><col class="col-confidence">${judged && html`<col class="col-check">`}</colgroup>
<thead><tr><th scope="col">Field and page</th><th scope="col">Value</th><th scope="col">Confidence</th>${judged && html`<th scope="col">Check</th>`}</tr></thead>
<tbody>${rows.map((row, order) => renderFieldRow(row, order, judged))}</tbody>
</table>`;
}

function renderFieldRow(row: FieldRow, order: number, judged: boolean): Html {
  const { field } = row;
  return html`<tr class="field" id="${row.rowId}" data-path="${row.path}" data-order="${order}" data-confidence="${row.confidence ?? ''}" ${row.boxId && html`data-box="${row.boxId}"`}>
<th scope="row"><button type="button" class="field-link" ${row.boxId ? html`aria-controls="${row.boxId}"` : ''}>${breakablePath(row.path)}</button><span class="detail">${pageWords(row)}</span></th>
<td class="value">${field === undefined ? html`<span class="null">not extracted</span>` : field.value === null ? html`<span class="null">null</span>` : formatValue(field.value)}</td>
<td class="confidence"><span class="swatch tone-${row.tone}" aria-hidden="true"></span>${row.confidence === undefined ? '—' : formatPercent(row.confidence)}${field && html`<span class="detail">${confidenceDetail(field)}</span>`}</td>
${judged && html`<td>${outcomeCell(row.outcome)}</td>`}
</tr>`;
}

// A long path breaks after a slash, not inside a name.
function breakablePath(path: string): Html[] {
  return path
    .split('/')
    .map((segment, i) => (i <= 1 ? html`${i === 1 ? '/' : ''}${segment}` : html`/<wbr>${segment}`));
}

// Each part kept on one line, so a narrow column breaks between them, not inside one.
function confidenceDetail(field: GroundedField): Html[] {
  const parts = [
    field.confidence === undefined ? undefined : `extractor ${formatPercent(field.confidence)}`,
    field.ocrConfidence === undefined ? undefined : `OCR ${formatPercent(field.ocrConfidence)}`,
    // Exact matches are the rule; only the others are worth a word.
    field.match === 'exact'
      ? undefined
      : field.match === 'none'
        ? 'not found in the text'
        : `${field.match} match`,
  ];
  return parts
    .filter((part) => part !== undefined)
    .map((part, i) => html`${i > 0 ? ' · ' : ''}<span class="nowrap">${part}</span>`);
}

// Where the value stands, under its path: its page, or why it has no box.
function pageWords(row: FieldRow): string {
  const { field } = row;
  if (field === undefined) return 'not in the extraction';
  if (field.page === undefined || field.box === undefined) return 'not located on a page';
  return row.boxId === undefined ? `page ${field.page} (not shown)` : `page ${field.page}`;
}

function outcomeCell(outcome: ReportFieldOutcome | undefined): Html {
  if (outcome === undefined) return html`<span class="null">not judged</span>`;
  const expected =
    (outcome.outcome === 'wrong' || outcome.outcome === 'missing') && outcome.expected !== undefined
      ? html`<span class="detail">expected ${formatValue(outcome.expected)}</span>`
      : '';
  return html`<span class="outcome-${outcome.outcome}">${TONE_LABELS[outcome.outcome]}</span>${expected}`;
}

/** The extracted data as JSON, folded. */
export function renderJson(item: ReportItem): Html | undefined {
  if (item.data === undefined) return undefined;
  return html`<details class="json"><summary>Extracted data as JSON</summary><pre>${JSON.stringify(item.data, null, 2)}</pre></details>`;
}
