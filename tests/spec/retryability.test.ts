import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/spec/errors.js';
import { retryability } from '../../src/spec/retryability.js';
import { DEFAULT_RETRY_POLICY, retryAfterCapWarning, retryDelayMs } from '../../src/stages/retry-policy.js';

const headers =
  (values: Record<string, string>) =>
  (name: string): string | undefined =>
    values[name];

describe('the one retryability rule', () => {
  it.each([408, 409, 429, 500, 502, 503, 529])('retries HTTP %i', (status) => {
    expect(retryability({ status }).retryable).toBe(true);
  });

  it.each([400, 401, 403, 404, 413, 422])('does not retry HTTP %i', (status) => {
    expect(retryability({ status }).retryable).toBe(false);
  });

  it("follows the service's x-should-retry over the status", () => {
    expect(retryability({ status: 400, header: headers({ 'x-should-retry': 'true' }) }).retryable).toBe(true);
    expect(retryability({ status: 503, header: headers({ 'x-should-retry': 'false' }) }).retryable).toBe(
      false,
    );
  });

  it("retries the vendors' throttling names and broken connections", () => {
    expect(retryability({ name: 'ThrottlingException' }).retryable).toBe(true);
    expect(retryability({ name: 'APIConnectionTimeoutError' }).retryable).toBe(true);
    expect(retryability({ code: 'ECONNRESET' }).retryable).toBe(true);
    expect(retryability({ name: 'ValidationException' }).retryable).toBe(false);
  });

  it('reads Retry-After as seconds or an HTTP date, and the millisecond headers first', () => {
    expect(retryability({ status: 429, header: headers({ 'retry-after': '7' }) })).toEqual({
      retryable: true,
      retryAfterMs: 7000,
    });
    const later = new Date(Date.now() + 60_000).toUTCString();
    const { retryAfterMs } = retryability({ status: 503, header: headers({ 'retry-after': later }) });
    expect(retryAfterMs).toBeGreaterThan(50_000);
    expect(retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(
      retryability({ status: 429, header: headers({ 'retry-after': '7', 'retry-after-ms': '250' }) })
        .retryAfterMs,
    ).toBe(250);
  });

  it('reads no wait off a failure not worth retrying', () => {
    expect(retryability({ status: 400, header: headers({ 'retry-after': '7' }) })).toEqual({
      retryable: false,
    });
  });
});

describe('waiting as the service asks', () => {
  const throttled = (retryAfterMs: number) =>
    new ProviderError('Slow down.', { provider: 'anthropic', retryable: true, retryAfterMs });

  it("honours a Retry-After beyond the policy's backoff bound", () => {
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 1, throttled(45_000))).toBe(45_000);
    expect(retryAfterCapWarning(DEFAULT_RETRY_POLICY, throttled(45_000))).toBeUndefined();
  });

  it('caps a longer ask at maxRetryAfterMs and says so', () => {
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 1, throttled(600_000))).toBe(120_000);
    expect(retryAfterCapWarning(DEFAULT_RETRY_POLICY, throttled(600_000))).toEqual({
      code: 'retry-after-capped',
      message: expect.stringMatching(
        /^anthropic asked to wait 600 s before trying again; docpipe waited 120 s/,
      ),
    });
  });
});
