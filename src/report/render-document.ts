/**
 * The HTML of one document: its status, errors and warnings, its pages with a box for each grounded field,
 * and the table of its fields.
 *
 * @module
 */
import type { DocumentPages } from './document-pages.js';
import { accuracyOf } from './field-outcomes.js';
import { documentId, type FieldRow } from './field-rows.js';
import { type Html, html } from './html.js';
import { renderFieldTable, renderJson } from './render-field-table.js';
import { renderPages } from './render-pages.js';
import { countOf, formatCost, formatPercent } from './report-format.js';
import type { ReportItem, ReportItemStatus } from './report-item.js';

/** The words for each status. */
export const STATUS_LABELS: Readonly<Record<ReportItemStatus, string>> = {
  succeeded: 'Succeeded',
  incomplete: 'Incomplete',
  failed: 'Failed',
  pending: 'Not finished',
};

/** The item's section; `hidden` until the reader opens it, unless it is the one shown first. */
export function renderDocument(
  item: ReportItem,
  index: number,
  pages: DocumentPages,
  rows: readonly FieldRow[],
  shown: boolean,
): Html {
  const id = documentId(index);
  return html`<section class="document" id="${id}" aria-labelledby="${id}-title" ${shown ? '' : html`hidden`}>
<header class="doc-header">
<div class="doc-title"><h2 id="${id}-title">${item.name}</h2>${statusBadge(item.status)}</div>
<p class="doc-meta">${documentFacts(item, rows)}</p>
${renderAlerts(item, pages)}
</header>
<div class="doc-body">
<div class="pages" role="region" aria-label="Pages of ${item.name}" tabindex="0">${renderPages(pages.pages, item.name, rows)}
${pages.pages.length === 0 ? html`<p class="no-match">No page to show.</p>` : ''}</div>
<div class="fields-panel">${renderFieldTable(item, rows)}${renderJson(item)}</div>
</div>
</section>`;
}

/** The status as a badge. */
export function statusBadge(status: ReportItemStatus): Html {
  return html`<span class="status status-${status}">${STATUS_LABELS[status]}</span>`;
}

function documentFacts(item: ReportItem, rows: readonly FieldRow[]): string {
  const boxed = rows.filter((row) => row.boxId !== undefined).length;
  const accuracy = accuracyOf(Object.values(item.outcomes ?? {}));
  return [
    item.sourceLabel,
    item.pages ? countOf(item.pages, 'page') : undefined,
    item.costUsd === undefined ? undefined : formatCost(item.costUsd),
    `${countOf(item.fields.length, 'field')}, ${boxed} boxed on the page`,
    accuracy === undefined ? undefined : `accuracy ${formatPercent(accuracy)}`,
  ]
    .filter((fact) => fact !== undefined)
    .join(' · ');
}

function renderAlerts(item: ReportItem, pages: DocumentPages): Html {
  const { error, missing, warnings } = item;
  return html`${
    error &&
    html`<div class="alert alert-error" role="note"><p><strong>Failed${error.stage ? ` in stage ${error.stage}` : ''}${error.code ? ` (${error.code})` : ''}:</strong> ${error.message}</p></div>`
  }${
    missing.length > 0 &&
    html`<div class="alert alert-warning" role="note"><p><strong>Incomplete:</strong> required values not found: ${missing.map((path, i) => html`${i > 0 ? ', ' : ''}<code>${path}</code>`)}</p></div>`
  }${
    warnings.length > 0 &&
    html`<div class="alert alert-warning" role="note"><p><strong>${countOf(warnings.length, 'warning')}</strong></p><ul>${warnings.map(
      (warning) =>
        html`<li><code>${warning.code}</code>${warning.page === undefined ? '' : ` (page ${warning.page})`}: ${warning.message}</li>`,
    )}</ul></div>`
  }${pages.note && html`<div class="alert alert-note" role="note"><p>${pages.note}</p></div>`}`;
}
