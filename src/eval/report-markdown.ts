/**
 * The evaluation report as markdown (`docpipe eval --out report.md`): for a pull request or a wiki page.
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

// A page stays readable with this many; eval.json holds the rest.
const DOCUMENTS_SHOWN = 50;
const DOCUMENTS_WITH_MISMATCHES_SHOWN = 20;
const MISMATCHES_SHOWN = 20;
const UNSCORED_SHOWN = 100;

/** The report as a markdown page. */
export function reportMarkdown(report: EvalReport): string {
  const parts = [
    `# Evaluation of ${report.runName} ${report.version}`,
    `${headline(report)}.`,
    `- ${figures(report.overall)}\n- ${outcomeCounts(report.overall)}${
      baselineLine(report) ? `\n- ${baselineLine(report)}` : ''
    }`,
    settingsSentence(report),
  ];
  for (const table of [
    fieldsTable(report),
    documentsTable(report, DOCUMENTS_SHOWN),
    rowsTable(report),
    calibrationTable(report),
  ]) {
    if (table && table.rows.length > 0) parts.push(markdownTable(table));
  }
  const mismatched = report.documents
    .filter((document) => document.mismatches.length > 0)
    .slice(0, DOCUMENTS_WITH_MISMATCHES_SHOWN);
  if (mismatched.length > 0) {
    parts.push(
      '## What the worst documents got wrong',
      mismatched
        .map((document) => {
          const more = document.mismatches.length - MISMATCHES_SHOWN;
          const items = document.mismatches
            .slice(0, MISMATCHES_SHOWN)
            .map((m) => `  - ${code(m.pointer)} ${escapeMarkdown(mismatchDetails(m, 80))}`);
          if (more > 0) items.push(`  - … and ${more} more`);
          return `- ${code(document.id)}\n${items.join('\n')}`;
        })
        .join('\n'),
    );
  }
  const unscored = unscoredLine(report, UNSCORED_SHOWN);
  if (unscored) parts.push(escapeMarkdown(unscored));
  if (report.problems.length > 0) {
    parts.push(
      '## Truth that could not be used',
      report.problems
        .map((problem) => `- ${escapeMarkdown(`${problem.source}: ${problem.message}`)}`)
        .join('\n'),
    );
  }
  return `${parts.join('\n\n')}\n`;
}

// How values were compared, so a reader knows what "correct" meant.
function settingsSentence({ evaluatedAt, options }: EvalReport): string {
  const { absolute, relative } = options.numberTolerance;
  const tolerances = [absolute > 0 ? String(absolute) : '', relative > 0 ? `${relative * 100}%` : ''].filter(
    Boolean,
  );
  const numbers = tolerances.length === 0 ? 'numbers equal' : `numbers within ${tolerances.join(' or ')}`;
  const strings =
    options.stringSimilarity === 1 ? 'strings equal' : `strings at least ${options.stringSimilarity} alike`;
  const types =
    options.schema === 'option'
      ? 'the schema given'
      : options.schema === 'run'
        ? "the run's schema"
        : 'the true values (no schema)';
  const rules = Object.keys(options.fieldRules);
  const own = rules.length === 0 ? '' : `; own rules for ${rules.join(', ')}`;
  return `Evaluated ${evaluatedAt}: ${numbers}, ${strings} once case, white space and punctuation are set aside, dates by the day; field types from ${types}${own}.`;
}

function markdownTable(table: ReportTable): string {
  const cell = (text: string, column: number) =>
    column === 0 && table.namesFirst ? code(text) : escapeMarkdown(text);
  const row = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  const rule = `|${table.numeric.map((numeric) => (numeric ? ' ---: ' : ' --- ')).join('|')}|`;
  const header = `| ${table.header.map(escapeMarkdown).join(' | ')} |`;
  return [`## ${table.title}`, '', header, rule, ...table.rows.map(row)].join('\n');
}

// Pipes would split table cells; markdown's own marks in values would format them.
function escapeMarkdown(text: string): string {
  return text.replace(/[|\\`*<>]/g, (mark) => `\\${mark}`);
}

// Names (fields, ids, pointers) as code, which shows them as written; a pipe still needs escaping in a table.
function code(text: string): string {
  const ticks = text.includes('`') ? '``' : '`';
  return `${ticks}${text.replaceAll('|', '\\|')}${ticks}`;
}
