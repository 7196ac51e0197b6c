/**
 * Inspecting values of unknown type, for telling schemas apart and naming what was passed instead.
 *
 * @module
 */

/** Whether `value` is a plain object (`{…}` or `Object.create(null)`), not an array or class instance. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** A short phrase naming what kind of value `value` is, e.g. `null`, `a string`, `NaN`, `a RegExp`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (Array.isArray(value)) return 'an array';
  if (typeof value !== 'object') return withArticle(typeof value);
  const constructorName = (Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null)
    ?.constructor?.name;
  return typeof constructorName === 'string' && constructorName !== 'Object'
    ? withArticle(constructorName)
    : 'an object';
}

function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}
