/**
 * A provider's own error message, made fit to quote in a docpipe error: the secrets of the call
 * and anything shaped like a key removed, trailing dots dropped (docpipe adds its own sentence
 * end), and cut to a readable length.
 *
 * @module
 */

const MAX_MESSAGE = 300;

/**
 * `message` with each of `secrets` and every match of `keyLike` (a global pattern) replaced by
 * `[redacted]`, trimmed, and at most 300 characters.
 *
 * @example
 * ```ts
 * quotableMessage('Invalid key sk-abc123456789.', [], /\bsk-\S+/g); // 'Invalid key [redacted]'
 * ```
 */
export function quotableMessage(message: string, secrets: readonly string[], keyLike: RegExp): string {
  let text = message;
  for (const secret of secrets) if (secret !== '') text = text.split(secret).join('[redacted]');
  text = text
    .replace(keyLike, '[redacted]')
    .trim()
    .replace(/[.\s]+$/, '');
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
}
