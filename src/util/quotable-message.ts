/**
 * A provider's or native library's own error message, made fit to quote in a docpipe error: the
 * secrets of the call and anything shaped like a key removed, on one line, trailing dots and colons dropped
 * (docpipe adds its own sentence end), and cut to a readable length.
 *
 * @module
 */

const MAX_MESSAGE = 300;

/**
 * `message` with each of `secrets` and every match of `keyLike` (a global pattern) replaced by
 * `[redacted]`, its lines joined, trimmed, and at most 300 characters.
 *
 * @example
 * ```ts
 * quotableMessage('Invalid key sk-abc123456789.', [], /\bsk-\S+/g); // 'Invalid key [redacted]'
 * ```
 */
export function quotableMessage(
  message: string,
  secrets: readonly string[] = [],
  keyLike: RegExp | undefined = undefined,
): string {
  let text = message;
  for (const secret of secrets) if (secret !== '') text = text.split(secret).join('[redacted]');
  if (keyLike) text = text.replace(keyLike, '[redacted]');
  text = oneLine(text).replace(/[.:;\s]+$/, '');
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
}

/**
 * The lines of a message joined with `; `, a line repeating the one before it left out: native libraries
 * (libvips, libpng) report each warning on a line of its own, often the same one several times, and a docpipe
 * error is one sentence on one line.
 */
function oneLine(message: string): string {
  const lines: string[] = [];
  for (const line of message.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed !== '' && trimmed !== lines.at(-1)) lines.push(trimmed);
  }
  return lines.join('; ');
}
