/**
 * JSON Pointers (RFC 6901): the path format of validation issues and of schema locations in error
 * messages.
 *
 * @module
 */

/** The JSON Pointer for a path of keys, e.g. `['lines', 0, 'a/b']` → `/lines/0/a~1b`; `''` for the root. */
export function toJsonPointer(path: readonly PropertyKey[]): string {
  let pointer = '';
  for (const key of path) pointer += `/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`;
  return pointer;
}

/** The keys of a JSON Pointer, e.g. `/lines/0/a~1b` → `['lines', '0', 'a/b']`; `[]` for the root. */
export function fromJsonPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((key) => key.replaceAll('~1', '/').replaceAll('~0', '~'));
}
