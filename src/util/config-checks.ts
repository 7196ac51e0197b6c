/**
 * Checks that config classes run on their options at construction, so a bad value fails where
 * it was written, with a {@link ConfigError} naming the option.
 */
import { ConfigError } from '../spec/errors.js';

/** Names an option for messages and for {@link ConfigError.option}, e.g. `OCRConfig.pages`. */
export interface OptionName {
  readonly config: string;
  readonly option: string;
}

function qualified(name: OptionName): string {
  return `${name.config}.${name.option}`;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : String(value);
}

/** Throws a ConfigError saying the option must be `expected` and what to do. */
export function invalidOption(name: OptionName, expected: string, value: unknown, fix?: string): never {
  const sentence = `${qualified(name)} must be ${expected}, got ${describe(value)}.`;
  throw new ConfigError(fix ? `${sentence} ${fix}` : sentence, { option: qualified(name) });
}

/** Throws unless `options` is a plain object without keys outside `known`. */
export function checkOptionKeys(config: string, options: unknown, known: readonly string[]): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ConfigError(`new ${config}() takes one options object, got ${describe(options)}.`, {
      option: config,
    });
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new ConfigError(`${config} has no option '${key}'. Valid options are: ${known.join(', ')}.`, {
        option: `${config}.${key}`,
      });
    }
  }
}

/** A whole number ≥ `min`, or undefined when not given. */
export function optionalInteger(name: OptionName, value: unknown, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    invalidOption(name, `a whole number of at least ${min}`, value);
  }
  return value;
}

/** A finite number in [min, max], or undefined when not given. */
export function optionalNumberInRange(
  name: OptionName,
  value: unknown,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    invalidOption(name, `a number from ${min} to ${max}`, value);
  }
  return value;
}

/** A non-empty string, or undefined when not given. */
export function optionalString(name: OptionName, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') invalidOption(name, 'a non-empty string', value);
  return value;
}

/** `true` or `false`, or undefined when not given. */
export function optionalBoolean(name: OptionName, value: unknown): boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean') invalidOption(name, 'true or false', value);
  return value;
}

/** One of `allowed`. */
export function oneOf<T extends string>(name: OptionName, value: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) {
    invalidOption(name, `one of ${allowed.map((a) => `'${a}'`).join(', ')}`, value);
  }
  return value as T;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * An `https://` URL, or an `http://` one on a loopback host (a local proxy or test server):
 * anything else would send credentials in the clear.
 */
export function optionalEndpoint(name: OptionName, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    return invalidOption(name, 'an absolute http(s) URL', value);
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname) || url.hostname.startsWith('127.');
  if (url.protocol === 'https:' || (url.protocol === 'http:' && loopback)) return url.toString();
  return invalidOption(
    name,
    'an https:// URL',
    value,
    'Plain http:// is accepted only for loopback hosts (localhost, 127.0.0.1, [::1]).',
  );
}
