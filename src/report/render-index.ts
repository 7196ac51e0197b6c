/**
 * The HTML of a run's document list: one entry per document with its status, pages, cost, accuracy and how
 * many fields are unsure, and the filters over it (status, field, low confidence first).
 *
 * @module
 */
import { accuracyOf } from './field-outcomes.js';
import { documentId, type FieldRow } from './field-rows.js';
import type { FieldTone } from './field-tone.js';
import { type Html, html } from './html.js';
import { STATUS_LABELS, statusBadge } from './render-document.js';
import { countOf, formatCost, formatPercent } from './report-format.js';
import type { ReportItem, ReportItemStatus } from './report-item.js';

/** A document and its field rows, as the list sums them up. */
export interface IndexEntry {
  readonly item: ReportItem;
  readonly rows: readonly FieldRow[];
}

// "Low confidence first" sorts by the least confidence (0..1) of a document's fields. A failed document needs a
// look more than any unsure value, so it comes first; one without confidences comes last.
const FAILED_SORT_KEY = -1;
const UNKNOWN_SORT_KEY = 2;
// The tones a reader should check: counted as "to check" in the list.
const UNSURE_TONES: ReadonlySet<FieldTone> = new Set(['low', 'wrong', 'missing', 'hallucinated']);

/** The list and its filters. */
export function renderIndex(entries: readonly IndexEntry[]): Html {
  const statuses = (['succeeded', 'incomplete', 'failed', 'pending'] as const).filter((status) =>
    entries.some((entry) => entry.item.status === status),
  );
  return html`<nav class="index" id="index" aria-label="Documents">
<form class="filters" id="filters" role="search" aria-label="Filter the documents">
<fieldset><legend>Status</legend>${statuses.map((status) => statusFilter(status, entries))}</fieldset>
<div><label class="label" for="field-filter">Field</label>
<input type="search" id="field-filter" list="field-paths" autocomplete="off" placeholder="e.g. total or line_items/*/amount" aria-describedby="field-filter-hint">
<datalist id="field-paths">${fieldPatterns(entries).map((pattern) => html`<option value="${pattern}"></option>`)}</datalist>
<span class="detail" id="field-filter-hint">Shows the documents with a matching field, and only those fields.</span></div>
<label><input type="checkbox" id="low-first"> Low confidence first</label>
</form>
<p class="shown-count" id="shown-count" aria-live="polite">${countOf(entries.length, 'document')}</p>
<ol class="items" id="items">${entries.map((entry, index) => renderEntry(entry, index))}</ol>
<p class="keys">Keys: <kbd>j</kbd> / <kbd>k</kbd> next / previous document, <kbd>/</kbd> field filter, <kbd>Esc</kbd> clear the selection.</p>
</nav>`;
}

function statusFilter(status: ReportItemStatus, entries: readonly IndexEntry[]): Html {
  const count = entries.filter((entry) => entry.item.status === status).length;
  return html`<label><input type="checkbox" name="status" value="${status}" checked> ${STATUS_LABELS[status]} (${count})</label>`;
}

function renderEntry({ item, rows }: IndexEntry, index: number): Html {
  const id = documentId(index);
  return html`<li data-status="${item.status}" data-order="${index}" data-sort-key="${sortKey(item, rows)}">
<button type="button" class="item" data-doc="${id}" aria-controls="${id}"><span class="item-name">${item.name}</span>${statusBadge(item.status)}<span class="item-meta">${entryFacts(item, rows)}</span></button>
</li>`;
}

function entryFacts(item: ReportItem, rows: readonly FieldRow[]): string {
  const unsure = rows.filter((row) => UNSURE_TONES.has(row.tone)).length;
  const accuracy = accuracyOf(Object.values(item.outcomes ?? {}));
  return [
    item.pages ? countOf(item.pages, 'page') : undefined,
    item.costUsd === undefined ? undefined : formatCost(item.costUsd),
    countOf(item.fields.length, 'field'),
    unsure > 0 ? `${unsure} to check` : undefined,
    accuracy === undefined ? undefined : `accuracy ${formatPercent(accuracy)}`,
  ]
    .filter((fact) => fact !== undefined)
    .join(' · ');
}

function sortKey(item: ReportItem, rows: readonly FieldRow[]): number {
  if (item.status === 'failed') return FAILED_SORT_KEY;
  const confidences = rows.flatMap((row) => (row.confidence === undefined ? [] : [row.confidence]));
  return confidences.length === 0 ? UNKNOWN_SORT_KEY : Math.min(...confidences);
}

// The run's field paths with array indices as `*`: `/line_items/*/amount` matches every line's amount.
function fieldPatterns(entries: readonly IndexEntry[]): string[] {
  const patterns = entries.flatMap((entry) =>
    entry.rows.map((row) => row.path.replace(/\/\d+(?=\/|$)/g, '/*')),
  );
  return [...new Set(patterns)].sort();
}
