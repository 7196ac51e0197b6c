/**
 * Broken and hostile vendor responses for property tests of the OCR response mappers: junk values, mutations of
 * recorded responses, and the contract every mapper keeps whatever it is given.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { OcrDocument } from '../../src/spec/document.js';
import { DocpipeError, ProviderError } from '../../src/spec/errors.js';
import { validateOcrDocument } from '../../src/testing/validate-ocr-document.js';

/** Numbers a broken response may hold where a sane one is expected. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    Number.NaN,
    Infinity,
    -Infinity,
    -0,
    -1,
    0,
    0.5,
    1,
    1.5,
    100,
    101,
    1e308,
    -1e308,
    2 ** 31 - 1,
  ),
  fc.double(),
  fc.integer(),
);

/** A value of the wrong type, or of the right type and absurd. */
export const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, undefined, true, '', 'junk', [], {}, [null], { length: 3 }),
  hostileNumber,
  fc.string({ maxLength: 4 }),
  fc.anything({ maxDepth: 1, maxKeys: 2 }),
);

/** `arbitrary` most of the time, else left out (`undefined`) or junk. */
export function mostly<T>(arbitrary: fc.Arbitrary<T>, weight = 6): fc.Arbitrary<T | unknown> {
  return fc.oneof(
    { weight, arbitrary },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: junk },
  );
}

/** A number in `min..max` most of the time, else a hostile number or junk. */
export function mostlyIn(min: number, max: number): fc.Arbitrary<unknown> {
  return mostly(fc.double({ min, max, noNaN: true }), 4);
}

type Path = readonly (string | number)[];

const MUTATIONS = [
  'remove',
  'duplicate',
  'swap',
  Number.NaN,
  Infinity,
  -Infinity,
  -1,
  0,
  1.5,
  1e308,
  -1e308,
  2 ** 31 - 1,
  '',
  'junk',
  null,
  true,
  [],
  {},
] as const;

interface Mutation {
  readonly group: number;
  readonly member: number;
  readonly other: number;
  readonly change: (typeof MUTATIONS)[number];
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  group: fc.nat(),
  member: fc.nat(),
  other: fc.nat(),
  change: fc.constantFrom(...MUTATIONS),
});

/** A recorded response with some changes; fast-check prints the changes, not the whole response. */
export interface MutatedJson {
  readonly json: unknown;
  readonly changes: readonly string[];
}

/**
 * Copies of `json` with one to `maxMutations` changes: a field or list item removed, a list item duplicated, a
 * value swapped with another of the same field elsewhere (a relationship id pointing at another block, a page
 * number of another page), or a value replaced with NaN, ±Infinity, -1, 1e308, a string, null and so on.
 * Fields are picked by name first, so rare fields (`Page`, `RowSpan`) are hit as often as the many `X`s.
 */
export function mutationsOf(json: unknown, maxMutations = 6): fc.Arbitrary<MutatedJson> {
  const groups = pathsByField(json);
  return fc.array(mutation, { minLength: 1, maxLength: maxMutations }).map((mutations) => {
    let mutated = json;
    const changes: string[] = [];
    for (const change of mutations) {
      const applied = mutate(mutated, groups, change);
      mutated = applied.json;
      changes.push(applied.change);
    }
    return {
      json: mutated,
      changes,
      [fc.toStringMethod]: () => `mutated: ${changes.join('; ')}`,
    };
  });
}

/** Every path in `json`, grouped by the name of the field it ends in (`Blocks[]` for a list item). */
function pathsByField(json: unknown): Path[][] {
  const groups = new Map<string, Path[]>();
  const visit = (value: unknown, path: (string | number)[], field: string) => {
    if (path.length > 0) {
      const group = groups.get(field);
      if (group) group.push([...path]);
      else groups.set(field, [[...path]]);
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        path.push(i);
        visit(item, path, `${field}[]`);
        path.pop();
      });
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        path.push(key);
        visit(item, path, key);
        path.pop();
      }
    }
  };
  visit(json, [], '');
  return [...groups.values()];
}

function mutate(
  json: unknown,
  groups: readonly Path[][],
  { group, member, other, change }: Mutation,
): { json: unknown; change: string } {
  const paths = groups[group % groups.length] as Path[];
  const path = paths[member % paths.length] as Path;
  const where = path.join('.');
  if (change === 'swap') {
    const from = paths[other % paths.length] as Path;
    return {
      json: valueAt(json, from, (value) => updateAt(json, path, () => ({ set: value }))),
      change: `${where} = value of ${from.join('.')}`,
    };
  }
  const mutated = updateAt(json, path, (value) => {
    if (change === 'remove') return { remove: true };
    if (change === 'duplicate') return { duplicate: value };
    return { set: structuredClone(change) };
  });
  const what = typeof change === 'string' && ['remove', 'duplicate'].includes(change) ? change : '=';
  return { json: mutated, change: what === '=' ? `${where} = ${fc.stringify(change)}` : `${what} ${where}` };
}

type Update = { readonly set: unknown } | { readonly remove: true } | { readonly duplicate: unknown };

/** `json` with the value at `path` changed, copying only the containers on the path; as is if it is gone. */
function updateAt(json: unknown, path: Path, update: (value: unknown) => Update): unknown {
  if (path.length === 0 || typeof json !== 'object' || json === null) return json;
  const [key, ...rest] = path as [string | number, ...Path];
  const container = json as Record<string | number, unknown>;
  if (!(key in container)) return json;
  const copy: Record<string | number, unknown> | unknown[] = Array.isArray(json)
    ? [...json]
    : { ...container };
  if (rest.length > 0) {
    (copy as Record<string | number, unknown>)[key] = updateAt(container[key], rest, update);
    return copy;
  }
  const change = update(container[key]);
  if ('set' in change) (copy as Record<string | number, unknown>)[key] = change.set;
  else if (Array.isArray(copy) && typeof key === 'number') {
    if ('remove' in change) copy.splice(key, 1);
    else copy.splice(key, 0, change.duplicate);
  } else if ('remove' in change) delete (copy as Record<string | number, unknown>)[key];
  // Duplicating a field of an object means nothing: the object is left as it was.
  return copy;
}

function valueAt(json: unknown, path: Path, then: (value: unknown) => unknown): unknown {
  let value = json;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !(key in value)) return json;
    value = (value as Record<string | number, unknown>)[key];
  }
  return then(value);
}

/** Fields of the model that hold text. */
const TEXT_FIELDS = new Set([
  'id',
  'text',
  'key',
  'value',
  'title',
  'footer',
  'markdown',
  'provider',
  'role',
]);

/** The model's numbers that are not finite and its text that is not a string, as paths. */
function typeProblems(value: unknown, path = '$'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path} is ${value}`];
  if (Array.isArray(value)) return value.flatMap((item, i) => typeProblems(item, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) => [
    ...(TEXT_FIELDS.has(key) && typeof item !== 'string' ? [`${path}.${key} is not a string`] : []),
    ...typeProblems(item, `${path}.${key}`),
  ]);
}

/** Every id the document hands out that appears twice (line, table and cell ids name their page). */
function duplicateIds(document: OcrDocument): string[] {
  const seen = new Set<string>();
  const twice: string[] = [];
  const see = (id: string) => {
    if (seen.has(id)) twice.push(id);
    seen.add(id);
  };
  for (const page of document.pages) {
    for (const line of page.lines) see(line.id);
    for (const table of page.tables) {
      see(table.id);
      for (const cell of table.cells) see(cell.id);
    }
  }
  return twice;
}

/** How long one mapping may take, generous for a machine shared by several test runs. */
const BUDGET_MS = 500;

/**
 * Checks the mappers' contract on one input: `map` returns a document that keeps every invariant of the model
 * (no NaN, boxes inside the page, confidences in 0..1, unique ids), or throws a {@link ProviderError} of
 * `provider`; never an untyped error, and never slowly.
 *
 * @returns The document, or `undefined` when `map` threw.
 */
export function expectMapperContract(provider: string, map: () => OcrDocument): OcrDocument | undefined {
  const started = performance.now();
  let document: OcrDocument | undefined;
  try {
    document = map();
  } catch (error) {
    if (!DocpipeError.isInstance(error)) throw error;
    expect(ProviderError.isInstance(error) && error.provider).toBe(provider);
    expect(error.message).toMatch(/malformed/);
  }
  expect(performance.now() - started).toBeLessThan(BUDGET_MS);
  if (document === undefined) return undefined;
  expect(validateOcrDocument(document)).toEqual([]);
  expect(typeProblems(document)).toEqual([]);
  expect(duplicateIds(document)).toEqual([]);
  return document;
}
