/**
 * Item ids as folder names. Ids come from file paths and from users' JSON, so they may hold `/`,
 * `..`, control characters or names Windows reserves; each becomes one safe path segment.
 *
 * @module
 */
import { createHash } from 'node:crypto';

// Long enough for any file system (most allow 255 bytes) with room for the files inside.
const MAX_SEGMENT_BYTES = 120;
const HASH_HEX_DIGITS = 10;
// Letters, marks and digits of any script, and punctuation that is plain on every file system and
// in a shell. Everything else (separators, control and format characters, spaces, `:*?"<>|`) is replaced.
const UNSAFE_CHARACTER = /[^\p{L}\p{M}\p{N}._+@=-]/gu;
// Windows reserves these device names, alone or before any extension (`con.txt`), in any case.
const WINDOWS_DEVICE_NAME = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(?:\.|$)/i;
const HASH_SUFFIX = new RegExp(`-[0-9a-f]{${HASH_HEX_DIGITS}}$`);

/**
 * The folder name of item `id` under `items/`: `id` itself when it is already a safe path segment,
 * otherwise `id` with unsafe characters replaced by `_`, cut to 120 bytes, and followed by `-` and a
 * hash of the original id, so ids that differ only in replaced characters stay apart.
 *
 * Safe means: letters, digits, marks and `. _ - + @ =` only (no `/`, `\`, control characters or
 * spaces), no `..`, no leading or trailing dot, not a Windows device name (`CON`, `nul.txt`, `COM1`…), in
 * Unicode NFC (so a decomposed `é` cannot meet a composed one on macOS) and at most 120 UTF-8 bytes.
 * An id that already ends like a hash suffix (`-` and 10 hex digits) is given one too, which keeps
 * the mapping one-to-one.
 *
 * @example
 * ```ts
 * sanitizeItemId('invoice-001.pdf'); // 'invoice-001.pdf'
 * sanitizeItemId('../x');            // '___x-' + 10 hex digits
 * sanitizeItemId('a/b') === sanitizeItemId('a:b'); // false: different hashes
 * ```
 */
export function sanitizeItemId(id: string): string {
  const safe = safeCharacters(id);
  if (safe === id && !HASH_SUFFIX.test(id) && byteLength(id) <= MAX_SEGMENT_BYTES) return id;
  const suffix = `-${createHash('sha256').update(id).digest('hex').slice(0, HASH_HEX_DIGITS)}`;
  return `${truncateToBytes(safe, MAX_SEGMENT_BYTES - suffix.length)}${suffix}`;
}

function safeCharacters(id: string): string {
  const safe = id
    .normalize('NFC')
    .replace(UNSAFE_CHARACTER, '_')
    // A leading dot hides the folder, `..` anywhere reads as a way up, and Windows drops a trailing dot.
    .replace(/^\.+|\.{2,}|\.+$/g, (dots) => '_'.repeat(dots.length));
  if (safe === '') return '_';
  return isWindowsDeviceName(safe) ? `_${safe}` : safe;
}

/** Whether Windows reserves `name` for a device (`CON`, `nul.txt`, `COM1`…), so no file can have it. */
export function isWindowsDeviceName(name: string): boolean {
  return WINDOWS_DEVICE_NAME.test(name);
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function truncateToBytes(text: string, maxBytes: number): string {
  let kept = '';
  let bytes = 0;
  // By code point, so a character is never cut in half.
  for (const character of text) {
    bytes += byteLength(character);
    if (bytes > maxBytes) break;
    kept += character;
  }
  return kept;
}
