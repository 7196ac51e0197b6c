/**
 * `evaluateRun`: a run version's results scored against truth, compared with a baseline version, and
 * stored with the version as `eval.json`.
 *
 * @module
 */

import { type CollatedResult, readCollatedResults } from '../runs/collate.js';
import type { RunStore } from '../runs/run-store.js';
import type { RunVersion } from '../runs/run-version.js';
import { resolveSchema } from '../schema/index.js';
import { isPlainObject } from '../schema/values.js';
import { ConfigError } from '../spec/errors.js';
import type { RuleDefaults } from './compare-values.js';
import { DocumentScorer } from './evaluate-documents.js';
import { FieldRules } from './field-rules.js';
import { type Shape, shapeOfSchema, UNKNOWN_SHAPE } from './schema-shape.js';
import { writeEvaluation } from './stored-evaluation.js';
import { type LoadedTruth, loadTruth, type TruthEntry, type TruthInput } from './truth.js';
import type { BaselineComparison, EvalOptions, EvalProblem, EvalReport, FieldRule } from './types.js';

/** The id field of truth array items unless told otherwise. */
export const DEFAULT_TRUTH_ID_FIELD = 'id';

/**
 * Scores a run version's results against truth: each field typed by the schema and compared by its rule,
 * table rows paired by an optimal assignment, outcomes counted per field, per document and overall, and
 * accuracy by confidence. With `baseline`, that version is scored against the same truth and the change
 * reported; with `maxDrop` too, the gate's verdict. The report is stored as the version's `eval.json`
 * (and the baseline's), unless `store: false`.
 *
 * Truth that cannot be used (a file that is not JSON, an id no item has, a value of the wrong type) is listed
 * in `problems` and the rest is scored; items without truth are listed in `unscored`. An item whose
 * extraction failed is scored with every value missing.
 *
 * @param version `vN` or `latest`. @default 'latest'
 * @param truth A folder of `<item-id>.json` files, a JSON file holding an array of items with their id in
 * `idField`, or the true data by item id.
 *
 * @example
 * ```ts
 * const store = new RunStore('./runs');
 * const report = await evaluateRun(store, 'invoices', 'v3', './truth', { baseline: 'v2', maxDrop: 1 });
 * console.log(report.overall.accuracy, report.baseline?.changePoints, report.baseline?.gate?.passed);
 * ```
 *
 * @throws {InputError} when the run, the version or the truth does not exist, or a truth file is not an array.
 * @throws {ConfigError} when an option is out of range, `jsonSchema` is no schema, or a field rule names no
 * field of the schema.
 */
export async function evaluateRun(
  store: RunStore,
  runName: string,
  version: string | undefined,
  truth: TruthInput,
  options: EvalOptions = {},
): Promise<EvalReport> {
  const target = await store.openVersion(runName, version);
  const settings = resolveSettings(options);
  const schema =
    options.jsonSchema === undefined
      ? storedSchema((await target.metadata()).config)
      : resolveSchema(options.jsonSchema).jsonSchema;
  const shape = schema === undefined ? UNKNOWN_SHAPE : shapeOfSchema(schema);
  const rules = new FieldRules(settings.fieldRules, settings);
  if (schema !== undefined) checkFieldRules(rules, shape);
  const loaded = await loadTruth(truth, options.idField ?? DEFAULT_TRUTH_ID_FIELD);
  const common = {
    truthSource: loaded.source,
    options: {
      numberTolerance: { absolute: settings.absolute, relative: settings.relative },
      stringSimilarity: settings.similarity,
      dayFirst: settings.dayFirst,
      fieldRules: settings.fieldRules,
      schema: options.jsonSchema ? 'option' : schema === undefined ? 'inferred' : 'run',
    } as const,
  };
  const report = await evaluateVersion(target, loaded, shape, rules, common);
  if (options.baseline === undefined) {
    if (options.store !== false) await writeEvaluation(target, report);
    return report;
  }
  const base = await store.openVersion(runName, options.baseline);
  const baseReport = await evaluateVersion(base, loaded, shape, rules, common);
  const withBaseline = reorder({
    ...report,
    baseline: compareWithBaseline(report, baseReport, options.maxDrop),
  });
  if (options.store !== false) {
    await writeEvaluation(target, withBaseline);
    await writeEvaluation(base, baseReport);
  }
  return withBaseline;
}

interface Settings extends RuleDefaults {
  readonly fieldRules: Readonly<Record<string, FieldRule>>;
}

function resolveSettings(options: EvalOptions): Settings {
  const absolute = options.numberTolerance?.absolute ?? 0;
  const relative = options.numberTolerance?.relative ?? 0;
  const similarity = options.stringSimilarity ?? 1;
  const checks = [
    ['numberTolerance.absolute', absolute >= 0, 'a number of 0 or more, such as 0.01'],
    ['numberTolerance.relative', relative >= 0, 'a fraction of 0 or more, such as 0.005 for 0.5%'],
    ['stringSimilarity', similarity >= 0 && similarity <= 1, 'a ratio from 0 to 1, such as 0.9'],
    ['maxDrop', options.maxDrop === undefined || options.maxDrop >= 0, 'percentage points of 0 or more'],
  ] as const;
  for (const [option, valid, wanted] of checks) {
    if (!valid) throw new ConfigError(`The evaluation option ${option} must be ${wanted}.`, { option });
  }
  return {
    absolute,
    relative,
    similarity,
    dayFirst: options.dayFirst ?? false,
    fieldRules: options.fieldRules ?? {},
  };
}

// The JSON Schema `docpipe batch` stores in the version's configuration.
function storedSchema(config: unknown): object | undefined {
  const schema = isPlainObject(config) ? config.jsonSchema : undefined;
  return isPlainObject(schema) ? schema : undefined;
}

function checkFieldRules(rules: FieldRules, shape: Shape): void {
  const known = new Set(fieldKeysOf(shape, ''));
  const unknown = rules.overriddenFields.find((field) => !known.has(field));
  if (unknown === undefined) return;
  throw new ConfigError(
    `A field rule names '${unknown}', which is no field of the schema; use one of ${[...known].filter(Boolean).join(', ')}.`,
    { option: 'fieldRules' },
  );
}

function fieldKeysOf(shape: Shape, key: string): string[] {
  if (shape.kind === 'array') return [key, ...fieldKeysOf(shape.items, key)];
  if (shape.kind !== 'object') return [key];
  return [...shape.properties].flatMap(([name, child]) =>
    fieldKeysOf(child, key === '' ? name : `${key}.${name}`),
  );
}

async function evaluateVersion(
  version: RunVersion,
  truth: LoadedTruth,
  shape: Shape,
  rules: FieldRules,
  common: Pick<EvalReport, 'truthSource' | 'options'>,
): Promise<EvalReport> {
  const results = await readCollatedResults(version);
  const { truthByItem, problems } = matchTruth(
    truth,
    new ItemIndex(results, await knownItemIds(version)),
    version,
  );
  const scorer = new DocumentScorer(shape, rules);
  const scored = new Set<string>();
  const batches = chunks(
    results.filter((result) => truthByItem.has(result.id)),
    READS_AT_ONCE,
  );
  const readConfidences = (batch: readonly CollatedResult[] | undefined) =>
    Promise.all((batch ?? []).map((result) => confidencesOf(version, result.id)));
  let reading = readConfidences(batches[0]);
  for (const [index, batch] of batches.entries()) {
    const confidences = await reading;
    // The next batch's files are read while this one is scored.
    reading = readConfidences(batches[index + 1]);
    batch.forEach((result, position) => {
      const entry = truthByItem.get(result.id) as TruthEntry;
      scored.add(result.id);
      scorer.add({
        id: result.id,
        ...(result.outputId === undefined ? {} : { outputId: result.outputId }),
        ...(result.incomplete ? { incomplete: true } : {}),
        truth: truthData(entry, shape),
        extracted: result.data,
        truthSource: entry.source,
        ...(confidences[position] ? { confidences: confidences[position] } : {}),
      });
    });
  }
  // Items with truth but no result failed: scored as extracting nothing, or failing would raise accuracy.
  for (const [id, entry] of truthByItem) {
    if (!scored.has(id)) {
      scorer.add({
        id,
        failed: true,
        truth: truthData(entry, shape),
        extracted: null,
        truthSource: entry.source,
      });
    }
  }
  const evaluation = scorer.finish();
  return reorder({
    formatVersion: 1,
    runName: version.runName,
    version: version.version,
    evaluatedAt: new Date().toISOString(),
    ...common,
    overall: evaluation.overall,
    fields: evaluation.fields,
    rows: evaluation.rows,
    ...(evaluation.calibration ? { calibration: evaluation.calibration } : {}),
    unscored: results.filter((result) => !truthByItem.has(result.id)).map((result) => result.id),
    problems: [...problems, ...evaluation.problems],
    documents: evaluation.documents,
  });
}

/** The truth of each item, and the truth no item takes (with the problems the loader found). */
function matchTruth(
  truth: LoadedTruth,
  items: ItemIndex,
  version: RunVersion,
): { truthByItem: Map<string, TruthEntry>; problems: EvalProblem[] } {
  const problems: EvalProblem[] = [...truth.problems];
  const truthByItem = new Map<string, TruthEntry>();
  for (const entry of truth.entries) {
    const id = items.resolve(entry.id);
    const earlier = id === undefined ? undefined : truthByItem.get(id);
    if (id === undefined) {
      problems.push({ source: entry.source, message: items.unknownIdMessage(entry.id, version) });
    } else if (earlier) {
      problems.push({
        source: entry.source,
        message: `is a second truth for item '${id}' (after ${earlier.source}); keep one, as only the first is scored`,
      });
    } else truthByItem.set(id, entry);
  }
  return { truthByItem, problems };
}

// Small lists first and the long per-document list last, so eval.json reads from the top.
function reorder(report: EvalReport): EvalReport {
  const { documents, ...rest } = report;
  return { ...rest, documents };
}

function compareWithBaseline(
  report: EvalReport,
  base: EvalReport,
  maxDrop: number | undefined,
): BaselineComparison {
  const [now, then] = [report.overall.accuracy, base.overall.accuracy];
  const changePoints = now === null || then === null ? null : (now - then) * 100;
  return {
    version: base.version,
    overall: base.overall,
    changePoints,
    ...(maxDrop === undefined
      ? {}
      : // A gate that cannot measure (nothing scored) fails: it must not wave a broken run through.
        { gate: { maxDrop, passed: changePoints !== null && changePoints >= -maxDrop - POINT_SLACK } }),
  };
}

// Accuracies are ratios of counts; their difference in points carries floating-point dust.
const POINT_SLACK = 1e-9;
// Items' result files read at once, for their confidences.
const READS_AT_ONCE = 64;

/** The item an id of the truth names: an item id, an output id, or an item id without its extension. */
class ItemIndex {
  readonly #known: ReadonlySet<string>;
  readonly #byOutputId = new Map<string, string>();
  // `undefined` marks a stem two items share, which names neither.
  readonly #byStem = new Map<string, string | undefined>();

  constructor(results: readonly CollatedResult[], known: ReadonlySet<string>) {
    this.#known = known;
    for (const result of results) {
      if (result.outputId !== undefined) this.#byOutputId.set(String(result.outputId), result.id);
    }
    for (const id of known) {
      const stem = stemOf(id);
      if (stem !== id) this.#byStem.set(stem, this.#byStem.has(stem) ? undefined : id);
    }
  }

  resolve(id: string): string | undefined {
    if (this.#known.has(id)) return id;
    return this.#byOutputId.get(id) ?? this.#byStem.get(id);
  }

  unknownIdMessage(id: string, version: RunVersion): string {
    const example = this.#known.values().next().value;
    const hint = example === undefined ? '' : `, such as '${example}'`;
    return `names item '${id}', which run ${version.runName} ${version.version} does not have; name it after one of the run's item ids${hint}`;
  }
}

function stemOf(id: string): string {
  return id.replace(/\.[^./]+$/, '');
}

// Every item of the version, its base's included: a rerun's collation holds them all.
async function knownItemIds(version: RunVersion): Promise<Set<string>> {
  const ids = new Set<string>();
  for (let current: RunVersion | undefined = version; current; current = await current.openBase()) {
    for (const id of (await current.metadata()).itemIds) ids.add(id);
  }
  return ids;
}

/** The extractor's confidences of the item's values, from the `result.json` of the version that holds it. */
async function confidencesOf(version: RunVersion, id: string): Promise<Map<string, number> | undefined> {
  for (let current: RunVersion | undefined = version; current; current = await current.openBase()) {
    const result = await current.readResult(id);
    if (result === undefined) continue;
    const confidences = new Map<string, number>();
    for (const field of Array.isArray(result.fields) ? result.fields : []) {
      const { path, confidence } = (field ?? {}) as { path?: unknown; confidence?: unknown };
      if (typeof path === 'string' && typeof confidence === 'number') confidences.set(path, confidence);
    }
    return confidences.size > 0 ? confidences : undefined;
  }
  return undefined;
}

// An array item's id field is no part of its data, unless the schema has such a field.
function truthData(entry: TruthEntry, shape: Shape): unknown {
  const { data, idField } = entry;
  if (idField === undefined || !isPlainObject(data)) return data;
  if (shape.kind === 'object' && shape.properties.has(idField)) return data;
  const { [idField]: _id, ...rest } = data;
  return rest;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}
