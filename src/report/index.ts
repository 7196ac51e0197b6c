/**
 * The self-contained HTML review report: each document's pages with its fields boxed, beside its data.
 *
 * @module
 */
export type { ReportFieldOutcome, ReportOutcomes } from './field-outcomes.js';
export { DEFAULT_REPORT_OPTIONS, type ReportOptions, renderReport } from './render-report.js';
export type { ReportEntry } from './result-items.js';
