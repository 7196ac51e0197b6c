/**
 * The HTTP settings every model adapter over a vendor SDK takes, in the ecosystem's shape (`createAnthropic({ apiKey,
 * baseURL, headers, fetch })` in the Vercel AI SDK).
 *
 * @module
 */

/** How an adapter's SDK client reaches the service. */
export interface HttpClientSettings {
  /** The API's base URL; plain `http://` only for loopback hosts. @default the provider's (or its `*_BASE_URL` variable) */
  readonly baseURL?: string;
  /** Headers sent with every request: a gateway's, a tracing id. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The `fetch` the SDK calls: to route through a proxy, record requests, or test against a stub. @default globalThis.fetch */
  readonly fetch?: typeof fetch;
  /** How long one HTTP request may take before it fails as a retryable timeout. @default the SDK's (10 minutes) */
  readonly timeoutMs?: number;
}
