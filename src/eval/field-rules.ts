/**
 * Which comparison rule each field is scored by: the user's rule for the field when there is one, else
 * what its schema type implies, else what its true value is.
 *
 * @module
 */
import { ConfigError } from '../spec/errors.js';
import { type ResolvedRule, type RuleDefaults, resolveRule } from './compare-values.js';
import type { Shape } from './schema-shape.js';
import type { FieldRule } from './types.js';

/**
 * The form of a field path rules are looked up by: property names joined by `.`, without array marks or
 * indices. `line_items[].amount`, `line_items.amount`, `/line_items/*\/amount` and `/line_items/0/amount`
 * are all `line_items.amount`.
 */
export function fieldKey(path: string): string {
  return path
    .split(/[/.]/)
    .map((segment) => segment.replace(/\[\d*\]$/, ''))
    .filter((segment) => segment !== '' && segment !== '*' && !/^\d+$/.test(segment))
    .join('.');
}

/** The rules of an evaluation: overrides by field, and the defaults every rule takes its settings from. */
export class FieldRules {
  readonly #overrides: ReadonlyMap<string, ResolvedRule>;
  readonly #defaults: RuleDefaults;
  readonly #byShape: Readonly<Record<'number' | 'string' | 'date' | 'exact', ResolvedRule>>;

  constructor(overrides: Readonly<Record<string, FieldRule>>, defaults: RuleDefaults) {
    this.#defaults = defaults;
    this.#overrides = new Map(
      Object.entries(overrides).map(([path, rule]) => [fieldKey(path), resolveRule(rule, defaults)]),
    );
    this.#byShape = {
      number: resolveRule({ kind: 'number' }, defaults),
      string: resolveRule({ kind: 'string' }, defaults),
      date: resolveRule({ kind: 'date' }, defaults),
      exact: { kind: 'exact' },
    };
  }

  /** The field paths rules were given for, as {@link fieldKey}s. */
  get overriddenFields(): readonly string[] {
    return [...this.#overrides.keys()];
  }

  /** The defaults the rules take their unset settings from. */
  get defaults(): RuleDefaults {
    return this.#defaults;
  }

  /** The rule of the field at `path` (a field path), whose schema shape is `shape` and a value of which is `sample`. */
  ruleFor(path: string, shape: Shape, sample: unknown): ResolvedRule {
    const override = this.#overrides.size > 0 ? this.#overrides.get(fieldKey(path)) : undefined;
    if (override) return override;
    switch (shape.kind) {
      case 'number':
      case 'string':
      case 'date':
        return this.#byShape[shape.kind];
      case 'boolean':
      case 'enum':
        return this.#byShape.exact;
      default:
        // Untyped: typed by the value itself, so a number is compared as a number.
        if (typeof sample === 'number') return this.#byShape.number;
        return typeof sample === 'string' ? this.#byShape.string : this.#byShape.exact;
    }
  }
}

/**
 * Reads a rule as the command line writes it: `number`, `number:0.01` (absolute), `number:1%`
 * (relative), `number:0.01,1%`, `string`, `string:0.9` (similarity), `date`, `exact`, `ignore`.
 *
 * @example
 * ```ts
 * parseFieldRule('number:0.01'); // { kind: 'number', absolute: 0.01 }
 * ```
 *
 * @throws {ConfigError} when `text` is not such a rule.
 */
export function parseFieldRule(text: string): FieldRule {
  const [kind = '', setting, ...rest] = text.trim().split(':');
  if (rest.length === 0) {
    if (kind === 'number') return numberRule(setting, text);
    if (kind === 'string') return stringRule(setting, text);
    if ((kind === 'date' || kind === 'exact' || kind === 'ignore') && setting === undefined) return { kind };
  }
  throw badRule(text);
}

function numberRule(setting: string | undefined, text: string): FieldRule {
  let rule: { kind: 'number'; absolute?: number; relative?: number } = { kind: 'number' };
  for (const part of setting?.split(',') ?? []) {
    const relative = part.endsWith('%');
    const value = Number(relative ? part.slice(0, -1) : part);
    if (part === '' || !(value >= 0) || !Number.isFinite(value)) throw badRule(text);
    rule = relative ? { ...rule, relative: value / 100 } : { ...rule, absolute: value };
  }
  return rule;
}

function stringRule(setting: string | undefined, text: string): FieldRule {
  if (setting === undefined) return { kind: 'string' };
  const similarity = Number(setting);
  if (setting === '' || !(similarity >= 0 && similarity <= 1)) throw badRule(text);
  return { kind: 'string', similarity };
}

function badRule(text: string): ConfigError {
  return new ConfigError(
    `'${text}' is not a comparison rule; write number, number:0.01, number:1%, string, string:0.9, date, exact or ignore.`,
    { option: 'fieldRules' },
  );
}
