import { describe, expect, it } from 'vitest';
import { type CanonicalMemo, canonicalJson, memoizedCanonicalJson } from '../../src/util/canonical-json.js';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

// Values whose text depends on the finer points of JSON.stringify: integer keys, holes, undefined, toJSON.
const AWKWARD: readonly unknown[] = [
  { b: 1, a: [2, { d: 3, c: 4 }] },
  { b: 1, '10': 2, '2': 3, a: 4, '01': 5, '-1': 6, '4294967295': 7, '4294967294': 8 },
  // biome-ignore lint/suspicious/noSparseArray: a hole is written as null
  [1, , 3],
  [undefined, () => 1],
  { gone: undefined, method() {}, nothing: null, nan: Number.NaN, when: new Date(0) },
  { toJSON: () => ({ b: 1, a: 2 }) },
  { '': 1, ' ': 2, A: 3, a: 4, ä: 5, quote: 'say "hi"\n' },
  'text',
  5,
  null,
  undefined,
];

describe('canonicalJson', () => {
  it('sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
  });
});

describe('memoizedCanonicalJson', () => {
  it('writes the same text as canonicalJson, frozen or not', () => {
    for (const value of AWKWARD) {
      const memo: CanonicalMemo = new WeakMap();
      const wrapped = { frozen: deepFreeze(jsonCopy(value)), loose: value, list: [value] };
      expect(memoizedCanonicalJson(value, memo)).toBe(canonicalJson(value));
      expect(memoizedCanonicalJson(wrapped, memo)).toBe(canonicalJson(wrapped));
      expect(memoizedCanonicalJson(wrapped, memo)).toBe(canonicalJson(wrapped));
    }
  });

  it('remembers the text of a part frozen at every depth, and only of such a part', () => {
    const memo: CanonicalMemo = new WeakMap();
    const schema = deepFreeze({ type: 'object', properties: { total: { type: 'number' } } });
    const shallow = Object.freeze({ child: { n: 1 } });
    memoizedCanonicalJson({ schema, shallow, variables: { name: 'a' } }, memo);
    expect(memo.get(schema)).toBe(canonicalJson(schema));
    expect(memo.has(shallow)).toBe(false);
  });

  it('writes what a part holds now when it can still change', () => {
    const memo: CanonicalMemo = new WeakMap();
    const child = { n: 1 };
    const shallow = Object.freeze({ child });
    const variables: Record<string, unknown> = { name: 'a' };
    const before = memoizedCanonicalJson({ shallow, variables }, memo);
    child.n = 2;
    variables.name = 'b';
    const after = memoizedCanonicalJson({ shallow, variables }, memo);
    expect(after).not.toBe(before);
    expect(after).toBe(canonicalJson({ shallow, variables }));
  });
});

// A JSON copy where one exists, so that it can be frozen without freezing the shared fixture.
function jsonCopy(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const text = JSON.stringify(value);
  return text === undefined ? value : JSON.parse(text);
}
