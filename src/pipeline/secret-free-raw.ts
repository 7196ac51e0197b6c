/**
 * Raw vendor responses made safe to keep: the SDKs' own response bodies hold no credentials, but a provider of
 * the user's own may hand back a whole HTTP exchange (an axios response carries its request's headers), so
 * whatever a stage keeps is scrubbed before it reaches a result or a file.
 *
 * @module
 */

/** Property names that hold credentials in HTTP exchanges and SDK configs, compared without case and `-`/`_`. */
const CREDENTIAL_NAMES = new Set([
  'authorization',
  'proxyauthorization',
  'xapikey',
  'apikey',
  'ocpapimsubscriptionkey',
  'xamzsecuritytoken',
  'cookie',
  'setcookie',
  'secretaccesskey',
  'sessiontoken',
  'accesstoken',
  'password',
]);

// Values shaped like the keys of the providers docpipe talks to: OpenAI and Anthropic keys, bearer tokens, AWS
// access key ids. Tight on purpose: a document's own text in a response should stay as the vendor sent it.
const KEY_LIKE = /\bsk-[A-Za-z0-9_-]{16,}|\bBearer\s+[A-Za-z0-9._~+/=-]{8,}|\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g;

const REDACTED = '[redacted]';

/**
 * A copy of `raw` as plain JSON data with every credential-named property's value and every key-shaped string
 * replaced by `[redacted]`. Functions, symbols and cycles (an SDK client reachable from a response) are dropped.
 *
 * @example
 * ```ts
 * secretFreeRaw({ headers: { Authorization: 'Bearer abc' }, body: { id: 1 } });
 * // { headers: { Authorization: '[redacted]' }, body: { id: 1 } }
 * ```
 */
export function secretFreeRaw(raw: unknown): unknown {
  return scrub(toPlainData(raw));
}

/** `value` as `JSON.stringify` sees it (`toJSON`, dates, typed arrays); objects met again inside a cycle left out. */
function toPlainData(value: unknown): unknown {
  let text: string | undefined;
  try {
    text = JSON.stringify(value, bigintAsText);
  } catch {
    // A cycle: fall back to dropping every object seen before, shared ones too (rare, and only in debug data).
    const seen = new WeakSet<object>();
    text = JSON.stringify(value, (key, inner: unknown) => {
      const plain = bigintAsText(key, inner);
      if (typeof plain !== 'object' || plain === null) return plain;
      if (seen.has(plain)) return undefined;
      seen.add(plain);
      return plain;
    });
  }
  return text === undefined ? null : (JSON.parse(text) as unknown);
}

function bigintAsText(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

function scrub(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(KEY_LIKE, REDACTED);
  if (Array.isArray(value)) return value.map(scrub);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([name, inner]) => [
      name,
      isCredentialName(name) && inner !== null ? REDACTED : scrub(inner),
    ]),
  );
}

function isCredentialName(name: string): boolean {
  return CREDENTIAL_NAMES.has(name.toLowerCase().replace(/[-_]/g, ''));
}
