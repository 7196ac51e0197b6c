/**
 * Canonical JSON: object keys sorted at every depth, so equal values give equal text. Used to
 * compare extracted rows and (for cache keys) to fingerprint configurations.
 *
 * @module
 */

/** The canonical JSON of deeply frozen objects already written, for {@link memoizedCanonicalJson}. */
export type CanonicalMemo = WeakMap<object, string>;

/**
 * `value` as JSON with object keys sorted; `undefined` properties left out as `JSON.stringify` does.
 *
 * @example
 * ```ts
 * canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] }); // '{"a":[2,{"c":4,"d":3}],"b":1}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'null';
}

/**
 * The same text as {@link canonicalJson}, with each deeply frozen part written once and then taken from `memo`:
 * for values fingerprinted again and again whose bulk never changes (a stage's identity, in the cache key of
 * every stage of every document). Frozen at every depth, because a part that can still change could have other
 * text by the next call; the rest is written anew each time.
 *
 * @example
 * ```ts
 * const memo: CanonicalMemo = new WeakMap();
 * memoizedCanonicalJson({ schema: frozenSchema, variables }, memo); // frozenSchema's text is kept in memo
 * ```
 */
export function memoizedCanonicalJson(value: unknown, memo: CanonicalMemo): string {
  return memoizedText(value, memo) ?? 'null';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isSortable(value)) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort())
    sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  return sorted;
}

// `undefined` where JSON.stringify writes nothing (undefined, a function), for the caller to leave out or write null.
function memoizedText(value: unknown, memo: CanonicalMemo): string | undefined {
  if (!isSortable(value)) return JSON.stringify(value);
  const remembered = memo.get(value);
  if (remembered !== undefined) return remembered;
  if (isDeeplyFrozenData(value)) {
    const text = canonicalJson(value);
    memo.set(value, text);
    return text;
  }
  let text = '';
  if (Array.isArray(value)) {
    // An index loop: a hole is written as null, as JSON.stringify does.
    for (let i = 0; i < value.length; i++)
      text += `${i === 0 ? '' : ','}${memoizedText(value[i], memo) ?? 'null'}`;
    return `[${text}]`;
  }
  for (const key of sortedKeys(value)) {
    const item = memoizedText((value as Record<string, unknown>)[key], memo);
    if (item !== undefined) text += `${text === '' ? '' : ','}${JSON.stringify(key)}:${item}`;
  }
  return `{${text}}`;
}

/**
 * The keys in the order JSON.stringify writes a copy made by sortKeys: integer keys ('0', '42') first, in
 * numeric order, since JavaScript lists them so in every object, then the others sorted.
 */
function sortedKeys(object: object): string[] {
  const keys = Object.keys(object);
  // Object.keys lists integer keys first and in order: only the rest needs sorting.
  let integers = 0;
  while (integers < keys.length && isIntegerKey(keys[integers] as string)) integers++;
  if (integers === 0) return keys.sort();
  return [...keys.slice(0, integers), ...keys.slice(integers).sort()];
}

// An array index: '0', '7', '42', not '07', '-1' or 2³²−1.
function isIntegerKey(key: string): boolean {
  const first = key.charCodeAt(0);
  if (first < 48 || first > 57) return false;
  const index = Number(key);
  return index < 4_294_967_295 && String(index) === key;
}

// An object or array whose keys are sorted; JSON.stringify writes what a toJSON method returns as it is.
function isSortable(value: unknown): value is object {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { toJSON?: unknown }).toJSON !== 'function'
  );
}

// Plain objects and arrays only: a frozen Date or Map still changes through its methods.
function isDeeplyFrozenData(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  const plain = prototype === Object.prototype || prototype === Array.prototype || prototype === null;
  if (!plain || !Object.isFrozen(value)) return false;
  return Object.values(value).every(
    (item) => typeof item !== 'object' || item === null || isDeeplyFrozenData(item),
  );
}
