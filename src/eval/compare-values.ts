/**
 * The comparison rules: whether an extracted value equals the true one, and how alike they are (for
 * matching table rows), by the field's {@link FieldRule}.
 *
 * @module
 */
import { canonicalJson } from '../util/canonical-json.js';
import { readDate } from './read-date.js';
import { comparableText, similarityRatio } from './text-similarity.js';
import type { FieldRule } from './types.js';

/** A field rule with every setting filled in from the evaluation's options. */
export type ResolvedRule =
  | { readonly kind: 'number'; readonly absolute: number; readonly relative: number }
  | { readonly kind: 'string'; readonly similarity: number; readonly dayFirst: boolean }
  | { readonly kind: 'date'; readonly dayFirst: boolean }
  | { readonly kind: 'exact' }
  | { readonly kind: 'ignore' };

/** The settings a rule takes from the evaluation when the rule itself leaves them out. */
export interface RuleDefaults {
  readonly absolute: number;
  readonly relative: number;
  readonly similarity: number;
  readonly dayFirst: boolean;
}

/** `rule` with its unset settings taken from `defaults`. */
export function resolveRule(rule: FieldRule, defaults: RuleDefaults): ResolvedRule {
  switch (rule.kind) {
    case 'number':
      return {
        kind: 'number',
        absolute: rule.absolute ?? defaults.absolute,
        relative: rule.relative ?? defaults.relative,
      };
    case 'string':
      return {
        kind: 'string',
        similarity: rule.similarity ?? defaults.similarity,
        dayFirst: defaults.dayFirst,
      };
    case 'date':
      return { kind: 'date', dayFirst: defaults.dayFirst };
    default:
      return rule;
  }
}

/** Whether a value counts as no value: `null`, absent, or a string of white space only. */
export function isEmptyValue(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** Whether `actual` equals `expected` under `rule` (neither empty; an `ignore` rule never reaches here). */
export function valuesEqual(rule: ResolvedRule, expected: unknown, actual: unknown): boolean {
  switch (rule.kind) {
    case 'number':
      return numbersEqual(rule, expected, actual);
    case 'string':
      return stringsEqual(rule, expected, actual);
    case 'date':
      return datesEqual(rule.dayFirst, expected, actual);
    default:
      return exactlyEqual(expected, actual);
  }
}

/**
 * How alike two values are, 0..1, for pairing table rows: 1 when equal, the text similarity of two
 * strings that differ but are at least half alike, else 0. Less alike strings are no sign that two rows are
 * one: most pairs of words share a letter or two.
 */
export function valueSimilarity(rule: ResolvedRule, expected: unknown, actual: unknown): number {
  if (valuesEqual(rule, expected, actual)) return 1;
  if (typeof expected === 'string' && typeof actual === 'string' && rule.kind !== 'exact') {
    const similarity = similarityRatio(comparableText(expected), comparableText(actual));
    return similarity >= LEAST_TEXT_SIMILARITY ? similarity : 0;
  }
  return 0;
}

const LEAST_TEXT_SIMILARITY = 0.5;

/**
 * A key under which values equal by `rule` are the same string: those of exactly equal values. Values
 * equal only within a tolerance may have different keys, so equal keys prove equality but different
 * keys do not prove a difference.
 */
export function exactKey(rule: ResolvedRule, value: unknown): string {
  if (isEmptyValue(value)) return '';
  if (rule.kind === 'string' && typeof value === 'string') return comparableText(value);
  if (rule.kind === 'number') return typeof value === 'number' ? String(value) : String(numberOf(value));
  return canonicalJson(value);
}

// Floating-point sums (0.1 + 0.2) must equal what they print as, and 100.01 − 100 be within 0.01.
const FLOAT_SLACK = 1e-9;

function numbersEqual(
  rule: Extract<ResolvedRule, { kind: 'number' }>,
  expected: unknown,
  actual: unknown,
): boolean {
  const [a, b] = [numberOf(expected), numberOf(actual)];
  if (a === undefined || b === undefined) return false;
  const allowed =
    Math.max(rule.absolute, rule.relative * Math.abs(a)) + FLOAT_SLACK * Math.max(1, Math.abs(a));
  return Math.abs(a - b) <= allowed;
}

/**
 * A number, or the number a string writes (`1,234.50`, `$12`, `12 EUR`): an extractor that answered
 * without a schema may give amounts as text.
 */
function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || !/\d/.test(value)) return undefined;
  const digits = value.replace(/[^\d.+-]/g, '');
  const number = Number(digits);
  return digits === '' || Number.isNaN(number) ? undefined : number;
}

function stringsEqual(
  rule: Extract<ResolvedRule, { kind: 'string' }>,
  expected: unknown,
  actual: unknown,
): boolean {
  if (typeof expected !== 'string' || typeof actual !== 'string') return exactlyEqual(expected, actual);
  const [a, b] = [comparableText(expected), comparableText(actual)];
  if (a === b) return true;
  const [dateA, dateB] = [readDate(expected, rule.dayFirst), readDate(actual, rule.dayFirst)];
  if (dateA && dateB) return sameDate(dateA, dateB);
  return rule.similarity < 1 && similarityRatio(a, b) >= rule.similarity;
}

function datesEqual(dayFirst: boolean, expected: unknown, actual: unknown): boolean {
  if (typeof expected !== 'string' || typeof actual !== 'string') return exactlyEqual(expected, actual);
  const [a, b] = [readDate(expected, dayFirst), readDate(actual, dayFirst)];
  return a && b ? sameDate(a, b) : comparableText(expected) === comparableText(actual);
}

// Two instants when both sides carry a time; else the day as written.
function sameDate(a: ReturnType<typeof readDate>, b: ReturnType<typeof readDate>): boolean {
  if (a?.instant !== undefined && b?.instant !== undefined) return a.instant === b.instant;
  return a?.day === b?.day;
}

function exactlyEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return canonicalJson(a) === canonicalJson(b);
}
