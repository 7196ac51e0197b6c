/**
 * The one multimap operation grounding's indexes need.
 *
 * @module
 */

/**
 * Appends `value` to the list `map` holds under `key`, starting the list when there is none.
 *
 * @example
 * ```ts
 * const byPage = new Map<number, string[]>();
 * appendTo(byPage, 1, 'Total');
 * appendTo(byPage, 1, '42.00'); // byPage.get(1) → ['Total', '42.00']
 * ```
 */
export function appendTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
