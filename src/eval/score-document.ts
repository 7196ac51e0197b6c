/**
 * Scoring one document: its extracted data walked beside its true data by the schema's shape, each leaf
 * value given an outcome, and the rows of arrays paired first.
 *
 * @module
 */
import { isPlainObject } from '../schema/values.js';
import { exactKey, isEmptyValue, type ResolvedRule, valueSimilarity, valuesEqual } from './compare-values.js';
import type { FieldRules } from './field-rules.js';
import { readDate } from './read-date.js';
import { assignRows } from './row-assignment.js';
import { type Shape, UNKNOWN_SHAPE } from './schema-shape.js';
import type { EvalRowCounts, FieldOutcome, FieldRule } from './types.js';

/** The outcome of one leaf value. */
export interface FieldResult {
  /** The field path, e.g. `line_items[].amount`. */
  readonly field: string;
  readonly rule: FieldRule['kind'];
  readonly outcome: FieldOutcome;
  /** JSON Pointer in the extraction, or in the truth when the extraction has no such value's row. */
  readonly pointer: string;
  readonly expected?: unknown;
  readonly actual?: unknown;
  readonly confidence?: number;
}

/** A true value that does not fit the schema, and was not scored. */
export interface TruthTypeProblem {
  /** JSON Pointer in the truth. */
  readonly pointer: string;
  readonly message: string;
}

/** What scoring a document found. */
export interface DocumentScoring {
  readonly results: readonly FieldResult[];
  readonly rows: readonly EvalRowCounts[];
  readonly problems: readonly TruthTypeProblem[];
}

/** What {@link scoreDocument} compares with. */
export interface ScoringContext {
  readonly shape: Shape;
  readonly rules: FieldRules;
  /** The extractor's confidence by JSON Pointer in the extraction, when it gave them. */
  readonly confidences?: ReadonlyMap<string, number>;
}

/**
 * Scores `extracted` against `truth`. `null`, absent and blank values are alike; a true value of the wrong
 * type for the schema is reported and left out, with what lies under it.
 *
 * @example
 * ```ts
 * scoreDocument({ total: 10 }, { total: 10.5 }, { shape, rules }).results;
 * // [{ field: 'total', rule: 'number', outcome: 'wrong', pointer: '/total', expected: 10, actual: 10.5 }]
 * ```
 */
export function scoreDocument(truth: unknown, extracted: unknown, context: ScoringContext): DocumentScoring {
  const scoring = {
    results: [] as FieldResult[],
    rows: [] as EvalRowCounts[],
    problems: [] as TruthTypeProblem[],
  };
  walk({ context, scoring }, truth, extracted, context.shape, { field: '', truth: '', extracted: '' });
  return scoring;
}

/** Where a walk stands: the field path, and the JSON Pointer to the value on each side (`undefined`: no such row). */
interface Place {
  readonly field: string;
  readonly truth: string | undefined;
  readonly extracted: string | undefined;
  /**
   * The field paths of an object's properties by key, shared by the rows of a table: made once, the same
   * strings then hash once in the tallies, which count a million values in a large evaluation.
   */
  readonly childFields?: Map<string, string>;
}

// Pointers grow a key at a time rather than being joined from paths at each leaf: there are a million leaves
// in a large evaluation.
function childPointer(pointer: string | undefined, key: string | number): string | undefined {
  if (pointer === undefined) return undefined;
  const text = String(key);
  const escaped =
    text.includes('~') || text.includes('/') ? text.replaceAll('~', '~0').replaceAll('/', '~1') : text;
  return `${pointer}/${escaped}`;
}

/** A walk through one document: what it compares with, and what it found so far. */
interface Walk {
  readonly context: ScoringContext;
  readonly scoring: { results: FieldResult[]; rows: EvalRowCounts[]; problems: TruthTypeProblem[] };
}

function walk(w: Walk, truth: unknown, extracted: unknown, declared: Shape, place: Place): void {
  const shape = declared.kind === 'unknown' ? shapeOfValues(truth, extracted) : declared;
  const misfit = isEmptyValue(truth) ? undefined : misfitOf(shape, truth);
  if (misfit !== undefined) {
    const pointer = place.truth ?? '';
    w.scoring.problems.push({
      pointer,
      message: `the truth's ${pointer || 'data'} is ${shortJson(truth)}, not ${misfit} as the schema says; fix the truth, as this value is not scored`,
    });
    return;
  }
  if (shape.kind === 'object') walkObject(w, truth, extracted, shape.properties, place);
  else if (shape.kind === 'array') walkArray(w, truth, extracted, shape.items, place);
  else scoreLeaf(w, truth, extracted, w.context.rules.ruleFor(place.field, shape, truth ?? extracted), place);
}

function walkObject(
  w: Walk,
  truth: unknown,
  extracted: unknown,
  properties: ReadonlyMap<string, Shape>,
  place: Place,
): void {
  const t = isPlainObject(truth) ? truth : {};
  const e = isPlainObject(extracted) ? extracted : {};
  const childFields = place.childFields ?? new Map<string, string>();
  const visit = (key: string) => {
    let field = childFields.get(key);
    if (field === undefined) {
      field = place.field === '' ? key : `${place.field}.${key}`;
      childFields.set(key, field);
    }
    walk(w, t[key], e[key], properties.get(key) ?? UNKNOWN_SHAPE, {
      field,
      truth: childPointer(place.truth, key),
      extracted: childPointer(place.extracted, key),
    });
  };
  // The schema's properties, then those only the data has: each key once, without building a set of them.
  for (const key of properties.keys()) visit(key);
  for (const key in t) if (!properties.has(key)) visit(key);
  for (const key in e) if (!properties.has(key) && !Object.hasOwn(t, key)) visit(key);
}

function walkArray(w: Walk, truth: unknown, extracted: unknown, items: Shape, place: Place): void {
  const t = Array.isArray(truth) ? truth : [];
  const e = Array.isArray(extracted) ? extracted : [];
  const field = `${place.field}[]`;
  const assignment = assignRows(t.length, e.length, rowMatching(w, t, e, items, field));
  const childFields = new Map<string, string>();
  const row = (ti: number | undefined, ei: number | undefined): Place => ({
    field,
    truth: ti === undefined ? undefined : childPointer(place.truth, ti),
    extracted: ei === undefined ? undefined : childPointer(place.extracted, ei),
    childFields,
  });
  for (const [ti, ei] of assignment.pairs) walk(w, t[ti], e[ei], items, row(ti, ei));
  for (const ti of assignment.unmatchedTruth) walk(w, t[ti], undefined, items, row(ti, undefined));
  for (const ei of assignment.unmatchedExtracted) walk(w, undefined, e[ei], items, row(undefined, ei));
  if (t.length > 0 || e.length > 0) {
    w.scoring.rows.push({
      field,
      truthRows: t.length,
      extractedRows: e.length,
      matched: assignment.pairs.length,
      missingRows: assignment.unmatchedTruth.length,
      extraRows: assignment.unmatchedExtracted.length,
    });
  }
}

/**
 * How rows of an array are paired: by the mean similarity of their leaf values (values empty on both sides
 * left out), rows of objects field by field. Nested arrays do not take part: rows are told apart by their
 * own values.
 */
function rowMatching(
  w: Walk,
  truth: readonly unknown[],
  extracted: readonly unknown[],
  items: Shape,
  field: string,
) {
  const columns = rowColumns(items, truth, extracted);
  const cells = (row: unknown) =>
    columns.map(({ key }) => (key === undefined ? row : isPlainObject(row) ? row[key] : undefined));
  const truthCells = truth.map(cells);
  const extractedCells = extracted.map(cells);
  const rules = columns.map(({ key, shape }, c) =>
    w.context.rules.ruleFor(
      key === undefined ? field : `${field}.${key}`,
      shape,
      firstValue(truthCells, extractedCells, c),
    ),
  );
  const keyOf = (row: readonly unknown[]) =>
    row.map((cell, c) => exactKey(rules[c] as ResolvedRule, cell)).join('\u0000');
  return {
    similarity(t: number, e: number): number {
      let sum = 0;
      let counted = 0;
      rules.forEach((rule, c) => {
        const [a, b] = [truthCells[t]?.[c], extractedCells[e]?.[c]];
        if (rule.kind === 'ignore' || (isEmptyValue(a) && isEmptyValue(b))) return;
        counted += 1;
        if (!isEmptyValue(a) && !isEmptyValue(b)) sum += valueSimilarity(rule, a, b);
      });
      return counted === 0 ? 0 : sum / counted;
    },
    keys: {
      truth: truthCells.map((row) => (row.every(isEmptyValue) ? '' : keyOf(row))),
      extracted: extractedCells.map((row) => (row.every(isEmptyValue) ? '' : keyOf(row))),
    },
  };
}

/** The leaf columns rows are compared by: an object's scalar properties, or the row itself for scalars. */
function rowColumns(
  items: Shape,
  truth: readonly unknown[],
  extracted: readonly unknown[],
): { key: string | undefined; shape: Shape }[] {
  const properties = items.kind === 'object' ? items.properties : new Map<string, Shape>();
  const keys = new Set(properties.keys());
  // Keys holding an object or array in some row: nested data, which does not take part.
  const nested = new Set<string>();
  let anyObject = false;
  for (const side of [truth, extracted]) {
    for (const row of side) {
      if (!isPlainObject(row)) continue;
      anyObject = true;
      for (const key in row) {
        keys.add(key);
        if (typeof row[key] === 'object' && row[key] !== null) nested.add(key);
      }
    }
  }
  if (items.kind !== 'object' && !anyObject) return [{ key: undefined, shape: items }];
  const columns: { key: string; shape: Shape }[] = [];
  for (const key of keys) {
    const shape = properties.get(key) ?? UNKNOWN_SHAPE;
    if (isLeafShape(shape) && !nested.has(key)) columns.push({ key, shape });
  }
  return columns;
}

function isLeafShape(shape: Shape): boolean {
  return shape.kind !== 'object' && shape.kind !== 'array';
}

function firstValue(
  truth: readonly (readonly unknown[])[],
  extracted: readonly (readonly unknown[])[],
  column: number,
): unknown {
  for (const row of [...truth, ...extracted]) if (!isEmptyValue(row[column])) return row[column];
  return undefined;
}

function scoreLeaf(w: Walk, truth: unknown, extracted: unknown, rule: ResolvedRule, place: Place): void {
  if (rule.kind === 'ignore') return;
  const hasTruth = !isEmptyValue(truth);
  const hasValue = !isEmptyValue(extracted);
  if (!hasTruth && !hasValue) return;
  const outcome: FieldOutcome = !hasTruth
    ? 'hallucinated'
    : !hasValue
      ? 'missing'
      : valuesEqual(rule, truth, extracted)
        ? 'correct'
        : 'wrong';
  const pointer = place.extracted ?? place.truth ?? '';
  const confidence =
    hasValue && place.extracted !== undefined ? w.context.confidences?.get(pointer) : undefined;
  // Built property by property: a million spreads of small objects would keep the collector busy.
  const result: { -readonly [K in keyof FieldResult]: FieldResult[K] } = {
    field: place.field,
    rule: rule.kind,
    outcome,
    pointer,
  };
  if (hasTruth) result.expected = truth;
  if (hasValue) result.actual = extracted;
  if (confidence !== undefined) result.confidence = confidence;
  w.scoring.results.push(result);
}

/** The shape of untyped data: an object or array when either side is one, else a leaf typed by its value. */
function shapeOfValues(truth: unknown, extracted: unknown): Shape {
  const sample = isEmptyValue(truth) ? extracted : truth;
  if (isPlainObject(sample)) return { kind: 'object', properties: new Map() };
  if (Array.isArray(sample)) return { kind: 'array', items: UNKNOWN_SHAPE };
  return UNKNOWN_SHAPE;
}

/** What a true value should be and is not (e.g. `a number`), or `undefined` when it fits the shape. */
function misfitOf(shape: Shape, value: unknown): string | undefined {
  switch (shape.kind) {
    case 'object':
      return isPlainObject(value) ? undefined : 'an object';
    case 'array':
      return Array.isArray(value) ? undefined : 'an array';
    case 'number':
      return typeof value === 'number' ? undefined : 'a number';
    case 'string':
      return typeof value === 'string' ? undefined : 'a string';
    case 'date':
      // The day is read the default way: only whether it is a date at all matters here.
      return typeof value === 'string' && readDate(value, false) ? undefined : 'a date';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'true or false';
    case 'enum':
      return shape.values.some((allowed) => allowed === value)
        ? undefined
        : `one of ${shape.values.map((allowed) => JSON.stringify(allowed)).join(', ')}`;
    default:
      return undefined;
  }
}

function shortJson(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
