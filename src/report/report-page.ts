/**
 * The whole report file: a header summing the documents up, the list of documents (for more than one), each
 * document's section, the style sheet and the script. Its Content-Security-Policy lets nothing load from the
 * network and no script run but the report's own, named by its hash: were any document text ever to reach
 * the page as markup, the browser would still not run it.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import type { DocumentPages } from './document-pages.js';
import { accuracyOf } from './field-outcomes.js';
import { fieldRows } from './field-rows.js';
import { type FieldTone, TONE_LABELS } from './field-tone.js';
import { type Html, html, trustedHtml } from './html.js';
import { renderDocument } from './render-document.js';
import { renderIndex } from './render-index.js';
import { countOf, formatCost, formatPercent } from './report-format.js';
import type { ReportItem, ReportItemStatus } from './report-item.js';
import { REPORT_SCRIPT } from './report-script.js';
import { REPORT_STYLES } from './report-styles.js';

/** A document with its drawn pages, ready to be written into the report. */
export interface DrawnItem {
  readonly item: ReportItem;
  readonly pages: DocumentPages;
}

const CONFIDENCE_TONES: readonly FieldTone[] = ['high', 'medium', 'low', 'unknown'];
const OUTCOME_TONES: readonly FieldTone[] = ['correct', 'wrong', 'missing', 'hallucinated'];

/** The report's HTML, titled `title`. */
export function renderReportPage(title: string, drawn: readonly DrawnItem[]): string {
  const entries = drawn.map(({ item, pages }, index) => ({
    item,
    pages,
    rows: fieldRows(item, index, pages),
  }));
  const single = entries.length === 1;
  const judged = entries.some(({ item }) => item.outcomes !== undefined);
  const scriptHash = createHash('sha256').update(REPORT_SCRIPT).digest('base64');
  const policy = `default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'sha256-${scriptHash}'; base-uri 'none'; form-action 'none'`;
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="docpipe">
<title>${title}</title>
<style>${trustedHtml(REPORT_STYLES)}</style>
</head>
<body>
${!single && html`<a class="skip-link" href="#main">Skip to the document</a>`}
<header class="report-header">
<h1>${title}</h1>
<p class="summary">${summary(entries.map(({ item }) => item))}</p>
${legend(judged)}
</header>
<div class="layout${single ? ' single' : ''}">
${!single && renderIndex(entries)}
<main id="main">${entries.map(({ item, pages, rows }, index) => renderDocument(item, index, pages, rows, index === 0))}
${entries.length === 0 && html`<p class="no-match">The report has no documents.</p>`}</main>
</div>
<script>${trustedHtml(REPORT_SCRIPT)}</script>
</body>
</html>
`;
  return page.markup;
}

function summary(items: readonly ReportItem[]): string {
  const byStatus = (status: ReportItemStatus) => items.filter((item) => item.status === status).length;
  const pages = items.reduce((sum, item) => sum + (item.pages ?? 0), 0);
  const cost = items.reduce((sum, item) => sum + (item.costUsd ?? 0), 0);
  // Over every judged field, as the evaluation counts it, not the mean of the documents' accuracies.
  const accuracy = accuracyOf(items.flatMap((item) => Object.values(item.outcomes ?? {})));
  return [
    countOf(items.length, 'document'),
    `${byStatus('succeeded')} succeeded`,
    byStatus('incomplete') > 0 ? `${byStatus('incomplete')} incomplete` : undefined,
    byStatus('failed') > 0 ? `${byStatus('failed')} failed` : undefined,
    byStatus('pending') > 0 ? `${byStatus('pending')} not finished` : undefined,
    countOf(pages, 'page'),
    formatCost(cost),
    accuracy === undefined ? undefined : `accuracy ${formatPercent(accuracy)}`,
  ]
    .filter((part) => part !== undefined)
    .join(' · ');
}

function legend(judged: boolean): Html {
  const tones = judged ? [...OUTCOME_TONES, ...CONFIDENCE_TONES] : CONFIDENCE_TONES;
  return html`<ul class="legend" aria-label="Box colours">${tones.map(
    (tone) => html`<li><span class="swatch tone-${tone}" aria-hidden="true"></span>${TONE_LABELS[tone]}</li>`,
  )}</ul>`;
}
