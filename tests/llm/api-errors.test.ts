import { describe, expect, it } from 'vitest';
import { llmApiError } from '../../src/llm/api-errors.js';
import { ProviderError } from '../../src/spec/errors.js';

const apiError = (status: number, message: string, headers: Record<string, string> = {}) =>
  Object.assign(new Error(`${status} ${message}`), {
    status,
    headers: new Headers(headers),
    error: { error: { message } },
  });

describe('llmApiError', () => {
  it('makes throttling, overload and server errors retryable, with the wait the service asked for', () => {
    const throttled = llmApiError(
      'anthropic',
      'Anthropic',
      apiError(429, 'Rate limited.', { 'retry-after': '7' }),
      {},
    );
    expect(throttled).toMatchObject({ retryable: true, status: 429, retryAfterMs: 7000 });
    expect(llmApiError('anthropic', 'Anthropic', apiError(529, 'Overloaded'), {})).toMatchObject({
      retryable: true,
    });
    expect(
      llmApiError('x', 'X', apiError(503, 'Unavailable', { 'retry-after-ms': '250' }), {}),
    ).toMatchObject({ retryAfterMs: 250 });
  });

  it('keeps the service message, adds the fix, and removes anything key-like', () => {
    const error = llmApiError(
      'openai-compatible',
      'OpenAI',
      apiError(401, 'Incorrect API key provided: sk-proj-abcdefgh12345678.'),
      {
        401: 'Check OPENAI_API_KEY.',
      },
    ) as ProviderError;
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.retryable).toBe(false);
    expect(error.message).toBe(
      'OpenAI answered HTTP 401: Incorrect API key provided: [redacted]. Check OPENAI_API_KEY.',
    );
  });

  it("treats timeouts and broken connections as retryable, and a cancelled call as the caller's abort", () => {
    const timeout = Object.assign(new Error('Request timed out.'), { name: 'APIConnectionTimeoutError' });
    expect(llmApiError('x', 'X', timeout, {})).toMatchObject({
      retryable: true,
      message: 'X did not answer in time; check that it is running and reachable, or try again later.',
    });
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    expect(llmApiError('x', 'X', new Error('aborted'), {}, controller.signal)).toBe(controller.signal.reason);
  });
});
