import { ConfigError } from '../spec/errors.js';
import type { OptionName } from '../util/config-checks.js';

/**
 * Whether a `provider` option is an object implementing a provider interface (rather than a
 * built-in provider's name). An object of an unsupported specification version is rejected here,
 * at construction, instead of failing mid-run.
 */
export function isProviderInstance<P extends object>(
  value: unknown,
  method: string,
  name: OptionName,
): value is P {
  if (typeof value !== 'object' || value === null) return false;
  const version = (value as { specificationVersion?: unknown }).specificationVersion;
  const hasMethod = typeof (value as Record<string, unknown>)[method] === 'function';
  if (version !== 'v1' || !hasMethod) {
    throw new ConfigError(
      `${name.config}.${name.option} is an object but not a provider docpipe can use: it needs specificationVersion 'v1' and a ${method}() method (got version ${JSON.stringify(version)}).`,
      { option: `${name.config}.${name.option}` },
    );
  }
  return true;
}
