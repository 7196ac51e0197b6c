/**
 * The parts of an evaluation report as tables of text cells, shared by the terminal and markdown forms:
 * each form only lays them out.
 *
 * @module
 */
import type { CalibrationBucket, EvalMismatch, EvalReport, EvalScore } from './types.js';

/** A titled table: a header row and rows of cells. */
export interface ReportTable {
  readonly title: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Alignment per column: numbers right. */
  readonly numeric: readonly boolean[];
  /** Whether the first column names things (fields, documents), which markdown shows as code. */
  readonly namesFirst: boolean;
}

/** A ratio as a percentage with one decimal, `–` when undefined. */
export function percent(ratio: number | null): string {
  return ratio === null ? '–' : `${(ratio * 100).toFixed(1)}%`;
}

/** A change in percentage points, signed: `+2.3 points`. */
export function points(change: number | null): string {
  if (change === null) return 'no change measurable';
  const rounded = Math.round(change * 10) / 10;
  return `${rounded > 0 ? '+' : rounded < 0 ? '−' : '±'}${Math.abs(rounded).toFixed(1)} points`;
}

/** `144 correct, 4 wrong, 3 missing, 3 hallucinated` */
export function outcomeCounts(score: EvalScore): string {
  return `${score.correct} correct, ${score.wrong} wrong, ${score.missing} missing, ${score.hallucinated} hallucinated`;
}

/** `accuracy 93.5% · precision 95.0% · recall 94.1% · F1 94.5%` */
export function figures(score: EvalScore): string {
  return `accuracy ${percent(score.accuracy)} · precision ${percent(score.precision)} · recall ${percent(score.recall)} · F1 ${percent(score.f1)}`;
}

/** The first line: what was scored against what. */
export function headline(report: EvalReport): string {
  const documents = report.documents.length;
  return `${report.runName} ${report.version} against ${report.truthSource}: ${documents} ${documents === 1 ? 'document' : 'documents'}, ${report.overall.scored} values scored`;
}

/** The baseline's line: the accuracy change and the gate's verdict; `undefined` without a baseline. */
export function baselineLine(report: EvalReport): string | undefined {
  const { baseline } = report;
  if (!baseline) return undefined;
  const change = `accuracy ${percent(baseline.overall.accuracy)} → ${percent(report.overall.accuracy)} (${points(baseline.changePoints)})`;
  const gate = baseline.gate
    ? `; gate (max drop ${baseline.gate.maxDrop} ${baseline.gate.maxDrop === 1 ? 'point' : 'points'}): ${baseline.gate.passed ? 'passed' : 'FAILED'}`
    : '';
  return `against ${baseline.version}: ${change}${gate}`;
}

const SCORE_HEADER = [
  'scored',
  'correct',
  'wrong',
  'missing',
  'hallucinated',
  'accuracy',
  'precision',
  'recall',
  'F1',
];

function scoreCells(score: EvalScore): string[] {
  return [
    String(score.scored),
    String(score.correct),
    String(score.wrong),
    String(score.missing),
    String(score.hallucinated),
    percent(score.accuracy),
    percent(score.precision),
    percent(score.recall),
    percent(score.f1),
  ];
}

/** Every field, worst first. */
export function fieldsTable(report: EvalReport): ReportTable {
  return {
    title: 'Fields, worst first',
    header: ['field', 'rule', ...SCORE_HEADER],
    rows: report.fields.map((field) => [field.field, field.rule, ...scoreCells(field)]),
    numeric: [false, false, ...SCORE_HEADER.map(() => true)],
    namesFirst: true,
  };
}

/** The `limit` worst documents. */
export function documentsTable(report: EvalReport, limit: number): ReportTable {
  const shown = report.documents.slice(0, limit);
  const more =
    report.documents.length > shown.length ? ` (${shown.length} of ${report.documents.length})` : '';
  return {
    title: `Documents, worst first${more}`,
    header: ['document', ...SCORE_HEADER, 'note'],
    rows: shown.map((document) => [
      document.id,
      ...scoreCells(document),
      document.failed ? 'extraction failed' : document.incomplete ? 'incomplete' : '',
    ]),
    numeric: [false, ...SCORE_HEADER.map(() => true), false],
    namesFirst: true,
  };
}

/** Row matching per array; `undefined` when the data has no arrays. */
export function rowsTable(report: EvalReport): ReportTable | undefined {
  if (report.rows.length === 0) return undefined;
  return {
    title: 'Rows of arrays, matched to the truth',
    header: ['array', 'true rows', 'extracted rows', 'matched', 'missing rows', 'extra rows'],
    rows: report.rows.map((row) => [
      row.field,
      String(row.truthRows),
      String(row.extractedRows),
      String(row.matched),
      String(row.missingRows),
      String(row.extraRows),
    ]),
    numeric: [false, true, true, true, true, true],
    namesFirst: true,
  };
}

/** Accuracy by confidence, highest first; `undefined` when no value carried one. */
export function calibrationTable(report: EvalReport): ReportTable | undefined {
  if (!report.calibration) return undefined;
  return {
    title: 'Accuracy by confidence (extracted values; review those below a threshold)',
    header: ['confidence', 'values', 'accuracy', 'values at or above', 'accuracy at or above'],
    rows: [...report.calibration]
      .reverse()
      .map((bucket) => [
        bucketName(bucket),
        String(bucket.values),
        percent(bucket.accuracy),
        String(bucket.atOrAbove.values),
        percent(bucket.atOrAbove.accuracy),
      ]),
    numeric: [false, true, true, true, true],
    namesFirst: false,
  };
}

function bucketName({ from, to }: CalibrationBucket): string {
  return to === 1 ? `${from.toFixed(1)}–1.0` : `${from.toFixed(1)}–<${to.toFixed(1)}`;
}

/** A mismatch in words, after its pointer: `wrong: expected 12.5, got 13 (confidence 0.72)`. */
export function mismatchDetails(mismatch: EvalMismatch, maxValue = 60): string {
  const value = (v: unknown) => shorten(JSON.stringify(v) ?? String(v), maxValue);
  const parts = [
    'expected' in mismatch ? `expected ${value(mismatch.expected)}` : undefined,
    'actual' in mismatch ? `got ${value(mismatch.actual)}` : undefined,
  ].filter(Boolean);
  const confidence =
    mismatch.confidence === undefined ? '' : ` (confidence ${mismatch.confidence.toFixed(2)})`;
  return `${mismatch.outcome}: ${parts.join(', ')}${confidence}`;
}

/** The items without truth, named (the first `limit`). */
export function unscoredLine(report: EvalReport, limit: number): string | undefined {
  const { unscored } = report;
  if (unscored.length === 0) return undefined;
  const named = unscored.slice(0, limit).join(', ');
  const more = unscored.length > limit ? `, … and ${unscored.length - limit} more` : '';
  return `Not scored: ${unscored.length} ${unscored.length === 1 ? 'item has' : 'items have'} no truth: ${named}${more}`;
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
