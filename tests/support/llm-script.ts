/**
 * The script every local LLM test server (Anthropic, Bedrock, OpenAI-compatible) plays, in
 * provider-neutral terms, so one scenario test can run over all three. Each server renders an
 * answer in its own wire format (a `tool_use` block or text content, `stop_reason`/`finish_reason`,
 * usage) and records what it received.
 */

/** One answer the server gives to the next model call. */
export type ScriptedAnswer =
  /** A complete answer: `value` as the tool input or as JSON text, whichever the request asked for. */
  | { readonly kind: 'json'; readonly value: unknown }
  /** A complete answer in plain text, e.g. not JSON at all. */
  | { readonly kind: 'text'; readonly text: string }
  /** The model stopped at the token limit with this partial text (`max_tokens` / `length`). */
  | { readonly kind: 'truncated'; readonly text: string }
  /** The model declined (`stop_reason: refusal`, or an OpenAI `refusal` message). */
  | { readonly kind: 'refusal'; readonly text: string }
  /** An HTTP error with the provider's error body; `retryAfterSeconds` adds `Retry-After`. */
  | { readonly kind: 'status'; readonly status: number; readonly retryAfterSeconds?: number }
  /** `answer`, but only after `delayMs` (past a client timeout, the client gives up first). */
  | { readonly kind: 'slow'; readonly delayMs: number; readonly answer: ScriptedAnswer };

/** `answer`, played only after `delayMs`. */
export function slowAnswer(delayMs: number, answer: ScriptedAnswer): ScriptedAnswer {
  return { kind: 'slow', delayMs, answer };
}

/** Token counts each successful answer reports. */
export const SCRIPTED_USAGE = {
  inputTokens: 1200,
  outputTokens: 80,
  cacheReadTokens: 1000,
  cacheWriteTokens: 0,
} as const;

/** A request as the server received it; secrets are never kept. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  /** The scheme of the `Authorization` header (`Bearer`, `AWS4-HMAC-SHA256`), or `x-api-key` when that was used. */
  readonly auth: string | undefined;
  /** The parsed JSON body. */
  readonly body: Record<string, unknown>;
}

/** A running local LLM server. */
export interface LlmTestServer {
  /** The base URL to give the SDK (or `LLMExtractionConfig.baseURL`). */
  readonly url: string;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** Queues answers for the next calls; when the queue is empty the server answers 500. */
  script(...answers: ScriptedAnswer[]): void;
  /**
   * Answers computed from each request once the scripted queue is empty (`undefined`: 500), for callers
   * whose number or order of requests is not fixed.
   */
  respondWith(answerFor: (body: Record<string, unknown>) => ScriptedAnswer | undefined): void;
  close(): Promise<void>;
}
