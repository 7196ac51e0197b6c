/**
 * The evaluation report as the terminal shows it: the figures, then aligned tables, worst first.
 *
 * @module
 */
import {
  baselineLine,
  calibrationTable,
  documentsTable,
  fieldsTable,
  figures,
  headline,
  mismatchDetails,
  outcomeCounts,
  type ReportTable,
  rowsTable,
  unscoredLine,
} from './report-sections.js';
import type { EvalReport } from './types.js';

// The terminal shows the worst few; --json and --out hold everything.
const DOCUMENTS_SHOWN = 10;
const DOCUMENTS_WITH_MISMATCHES_SHOWN = 5;
const MISMATCHES_SHOWN = 5;
const UNSCORED_SHOWN = 10;

/** The report as plain text for a terminal. */
export function reportText(report: EvalReport): string {
  const lines = [headline(report), `  ${figures(report.overall)}`, `  ${outcomeCounts(report.overall)}`];
  const baseline = baselineLine(report);
  if (baseline) lines.push(`  ${baseline}`);
  const tables = [
    fieldsTable(report),
    documentsTable(report, DOCUMENTS_SHOWN),
    rowsTable(report),
    calibrationTable(report),
  ];
  for (const table of tables) if (table && table.rows.length > 0) lines.push('', ...textTable(table));
  const mismatched = report.documents
    .filter((document) => document.mismatches.length > 0)
    .slice(0, DOCUMENTS_WITH_MISMATCHES_SHOWN);
  if (mismatched.length > 0) lines.push('', 'What the worst documents got wrong');
  for (const document of mismatched) {
    lines.push(`  ${document.id}`);
    for (const mismatch of document.mismatches.slice(0, MISMATCHES_SHOWN))
      lines.push(`    ${mismatch.pointer} ${mismatchDetails(mismatch)}`);
    const more = document.mismatches.length - MISMATCHES_SHOWN;
    if (more > 0) lines.push(`    … and ${more} more`);
  }
  const unscored = unscoredLine(report, UNSCORED_SHOWN);
  if (unscored) lines.push('', unscored);
  return `${lines.join('\n')}\n`;
}

// Columns padded to their widest cell, numbers right-aligned; no trailing spaces.
function textTable(table: ReportTable): string[] {
  const rows = [table.header, ...table.rows];
  const widths = table.header.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) =>
        table.numeric[column] ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [table.title, ...rows.map((row) => `  ${line(row)}`)];
}
