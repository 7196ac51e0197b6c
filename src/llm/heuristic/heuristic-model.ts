/**
 * The `heuristic` extraction provider: fills the schema from the OCR layout with rules, offline, with no model.
 *
 * @module
 */

import type { JSONSchema } from '../../schema/index.js';
import type { Warning } from '../../spec/document.js';
import { ConfigError } from '../../spec/errors.js';
import type { ExtractionModel, ExtractionRequest, ExtractionResponse } from '../../spec/extraction-model.js';
import { type AssembledAnswer, assembleAnswer } from './answer.js';
import { buildLayout, textLayout } from './page-layout.js';
import { findScalars } from './scalar-finder.js';
import { arrayFields, readSchema, type SchemaField, scalarFields } from './schema-fields.js';
import { readTables } from './table-rows.js';

/**
 * The heuristic extractor's one model: the rules of this version of docpipe. The id is part of every cache key
 * of its answers, so it changes whenever the rules answer differently: a cache must not serve the old rules'.
 */
export const HEURISTIC_MODEL_ID = 'rules-v2';

// Reading the whole document at once is what the rules need: tables run across pages and a label on page 1
// may name a value anywhere. A context this large keeps the extraction stage from cutting it into chunks.
const CONTEXT_TOKENS = 10_000_000;
// Rules run locally: a call costs nothing (and so needs no price table entry).
const NO_COST = { costUsd: 0 } as const;

/**
 * An extraction model that needs no model, network or key: it fills the schema from the OCR layout (or, with
 * no OCR upstream, from the text laid out as monospaced lines) by matching labels to field names, titles,
 * aliases (`x-aliases`, or `aliases` from zod's `.meta()`) and quoted phrases of descriptions, and reading the
 * value beside or below each label, checkboxes from selection marks, and arrays of objects from tables (see
 * `findScalars` and `readTables` for the rules and their order).
 *
 * Each value it fills gets a confidence, 0..1, in the response's `confidence` (by JSON Pointer), which the
 * stage copies onto `result.fields`. What it cannot find is `null` when the schema allows it, left out when
 * optional, never invented; every field it could not fill is named in a `heuristic-missing` warning.
 * A required field that may not be null and was not found is left out, so the answer fails validation. The
 * rules are deterministic, so the model declares itself not `repairable`: no repair turn is tried, and the
 * stage's `ValidationError` carries everything found in its `partial` (see `acceptIncomplete`).
 *
 * @example
 * ```ts
 * const pipeline = linearPipeline({
 *   jsonSchema: Invoice,
 *   ocr: new OCRConfig({ provider: 'pdf-text' }),
 *   llm: new LLMExtractionConfig({ provider: createHeuristicModel({ locale: 'en-GB' }) }),
 * });
 * ```
 * @throws {ConfigError} when `settings.model` names a model other than {@link HEURISTIC_MODEL_ID}
 */
export function createHeuristicModel(settings: HeuristicSettings = {}): ExtractionModel {
  if (settings.model !== undefined && settings.model !== HEURISTIC_MODEL_ID) {
    throw new ConfigError(
      `The heuristic extractor has one model, '${HEURISTIC_MODEL_ID}', not '${settings.model}'; leave LLMExtractionConfig.model out.`,
      { option: 'LLMExtractionConfig.model' },
    );
  }
  return {
    specificationVersion: 'v1',
    provider: 'heuristic',
    modelId: HEURISTIC_MODEL_ID,
    capabilities: {
      structuredOutput: true,
      images: false,
      pdf: false,
      contextTokens: CONTEXT_TOKENS,
      promptCaching: false,
      repairable: false,
    },
    extract: async (request) => {
      // The rules run at once, so an abort can only be noticed before they start.
      request.signal?.throwIfAborted();
      return extractWithRules(request, settings);
    },
  };
}

/**
 * Settings of {@link createHeuristicModel}; `LLMExtractionConfig` options of the same names fill them in a pipeline.
 *
 * @example
 * ```ts
 * createHeuristicModel({ locale: 'en-GB' }); // reads 08/04/2018 as 8 April when the page does not tell
 * ```
 */
export interface HeuristicSettings {
  /** The model id; there is one, {@link HEURISTIC_MODEL_ID}. @default HEURISTIC_MODEL_ID */
  readonly model?: string;
  /**
   * The locale whose date order numeric dates are read in (`en-GB` day-first, `en-US` month-first) when the
   * document proves none by a date with a day over 12. Without it, the currency, phone numbers and country on
   * the page decide; with nothing to go on, month-first, and such a date is reported as ambiguous.
   * @default undefined
   */
  readonly locale?: string;
}

/**
 * One extraction by the rules: the answer, its confidences, and warnings: `heuristic-missing` naming every
 * field left empty (optional ones too), `heuristic-ambiguous` naming each value chosen among close competitors
 * (two totals; a date such as `08/04/2018` that nothing on the page or in `settings.locale` orders) with the
 * values it was chosen over, at a confidence of at most 0.5.
 *
 * @example
 * ```ts
 * const response = extractWithRules({ jsonSchema, text: 'Invoice number: INV-3337' });
 * response.json; // { invoice_number: 'INV-3337' }
 * ```
 */
export function extractWithRules(
  request: Pick<ExtractionRequest, 'jsonSchema' | 'text' | 'ocr'>,
  settings: Pick<HeuristicSettings, 'locale'> = {},
): ExtractionResponse {
  const warnings: Warning[] = [];
  if (request.ocr === undefined && request.text === undefined) {
    warnings.push({
      code: 'heuristic-no-text',
      message:
        'The heuristic extractor got neither OCR output nor text; use stages [Stage.OCR, Stage.PARSER, Stage.LLM_EXTRACTION].',
    });
  }
  const root = fieldsOf(request.jsonSchema);
  if (root === undefined) return { json: null, finishReason: 'stop', usage: NO_COST, warnings };
  const { locale } = settings;
  const layout =
    request.ocr === undefined ? textLayout(request.text ?? '', locale) : buildLayout(request.ocr, locale);
  const tables = readTables(arrayFields(root), layout);
  const scalars = findScalars(scalarFields(root), layout, tables.taken);
  const answer = assembleAnswer(root, scalars, tables.items);
  warnings.push(...answerWarnings(answer));
  return { json: answer.json, finishReason: 'stop', usage: NO_COST, confidence: answer.confidence, warnings };
}

function answerWarnings(answer: AssembledAnswer): Warning[] {
  const warnings: Warning[] = [];
  if (answer.missing.length > 0) {
    const omitted =
      answer.omitted.length === 0
        ? ''
        : `; ${answer.omitted.join(', ')} may not be null, so the result is incomplete`;
    warnings.push({
      code: 'heuristic-missing',
      message: `The heuristic extractor found no value for ${answer.missing.join(', ')}${omitted}.`,
    });
  }
  for (const { pointer, value, alternatives } of answer.ambiguous) {
    const others = alternatives.map((other) => JSON.stringify(other)).join(', ');
    // Two readings of one numeric date: the page does not say whether the day or the month comes first.
    const fix = [value, ...alternatives].every(isIsoDate)
      ? 'check it, or set LLMExtractionConfig.locale (e.g. en-GB for day-first dates)'
      : 'check it';
    warnings.push({
      code: 'heuristic-ambiguous',
      message: `The heuristic extractor chose ${JSON.stringify(value)} for ${pointer} among close competitors: ${others}; ${fix}.`,
    });
  }
  return warnings;
}

function isIsoDate(value: unknown): boolean {
  return typeof value === 'string' && /^\d{4}-\d\d-\d\d$/.test(value);
}

// A stage sends the same schema object with every document: its fields (and their validators) are read once.
const schemaFields = new WeakMap<JSONSchema, SchemaField | undefined>();

function fieldsOf(schema: JSONSchema): SchemaField | undefined {
  if (!schemaFields.has(schema)) schemaFields.set(schema, readSchema(schema));
  return schemaFields.get(schema);
}
