/**
 * Size limits that protect a pipeline from documents too large to process.
 *
 * @module
 */

import type { DocumentLimits } from '../spec/document.js';
import { ConfigError } from '../spec/errors.js';

/** The limits used for every field of {@link DocumentLimits} that is not set. */
export const DEFAULT_DOCUMENT_LIMITS: DocumentLimits = Object.freeze({
  maxBytes: 104_857_600,
  maxPages: 1000,
  maxPixels: 100_000_000,
  maxPageMs: 60_000,
});

const LIMIT_NAMES = Object.keys(DEFAULT_DOCUMENT_LIMITS) as ReadonlyArray<keyof DocumentLimits>;

/** `limits.maxPixels`: how a message tells its reader which limit to raise (the CLI names its flag instead). */
export function limitSetting(name: keyof DocumentLimits): string {
  return `limits.${name}`;
}

/**
 * Complete limits from partial ones, taking {@link DEFAULT_DOCUMENT_LIMITS} for unset fields.
 *
 * @param limits - The limits to set; `undefined` fields keep their default.
 * @returns The complete limits.
 * @throws {@link ConfigError} (option `limits.<name>`) when a limit is not a positive whole number or
 * its name is unknown, and (option `limits`) when `limits` is not an object.
 */
export function resolveDocumentLimits(limits?: Partial<DocumentLimits>): DocumentLimits {
  // The common case allocates nothing: loading many small documents must stay cheap.
  if (limits === undefined) return DEFAULT_DOCUMENT_LIMITS;
  if (typeof limits !== 'object' || limits === null) {
    throw new ConfigError(
      `limits must be an object, but it is ${describeValue(limits)}; pass e.g. { maxBytes: 10_485_760 }, or leave it out for the defaults.`,
      { option: 'limits' },
    );
  }
  for (const name of Object.keys(limits)) assertKnownLimit(name);
  const resolved = { ...DEFAULT_DOCUMENT_LIMITS };
  for (const name of LIMIT_NAMES) {
    const value: unknown = limits[name];
    if (value === undefined) continue;
    assertPositiveInteger(name, value);
    resolved[name] = value;
  }
  return resolved;
}

function assertKnownLimit(name: string): asserts name is keyof DocumentLimits {
  if ((LIMIT_NAMES as readonly string[]).includes(name)) return;
  throw new ConfigError(
    `limits.${name} is not a document limit; use ${LIMIT_NAMES.join(', ')} (check the spelling).`,
    { option: `limits.${name}` },
  );
}

function assertPositiveInteger(name: keyof DocumentLimits, value: unknown): asserts value is number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return;
  throw new ConfigError(
    `limits.${name} must be a positive whole number, but it is ${describeValue(value)}; pass e.g. ${DEFAULT_DOCUMENT_LIMITS[name]} (the default).`,
    { option: `limits.${name}` },
  );
}

function describeValue(value: unknown): string {
  if (typeof value === 'number') return String(value);
  return value === null ? 'null' : `a ${typeof value}`;
}

const SIZE_FORMAT = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });

/** A byte count in MiB, to three significant digits, for limit messages. */
export function formatMebibytes(bytes: number): string {
  return SIZE_FORMAT.format(bytes / 1_048_576);
}

/** A duration in seconds, to three significant digits, for limit messages. */
export function formatSeconds(milliseconds: number): string {
  return SIZE_FORMAT.format(milliseconds / 1000);
}

/** A pixel count in megapixels, to three significant digits, for limit messages. */
export function formatMegapixels(pixels: number): string {
  return SIZE_FORMAT.format(pixels / 1_000_000);
}
