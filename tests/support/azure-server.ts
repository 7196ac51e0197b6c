/**
 * A stand-in for Azure Document Intelligence on 127.0.0.1: it answers the analyze POST (2024-11-30
 * `/documentintelligence/...` and 2023-07-31 `/formrecognizer/...`) with 202 and an `Operation-Location`
 * pointing back at itself, serves scripted operation states, records requests without secrets or document
 * bytes, and plays faults.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A failure the server plays instead of a normal answer. */
export type AzureFault =
  /** The analyze POST answers 429 with `Retry-After`. */
  | { readonly kind: 'throttled'; readonly retryAfterSeconds: number }
  /** The analyze POST answers 500. */
  | { readonly kind: 'server-error' }
  /** The analyze POST answers 401, as for a wrong key. */
  | { readonly kind: 'unauthorized' }
  /** The analyze POST answers 404, as for an unknown model. */
  | { readonly kind: 'model-not-found' }
  /** The analyze POST answers 400 InvalidRequest / InvalidContent. */
  | { readonly kind: 'invalid-content' }
  /** The analyze POST's connection is destroyed without an answer. */
  | { readonly kind: 'reset' }
  /** Every poll answers only after `delayMs`. */
  | { readonly kind: 'slow-poll'; readonly delayMs: number }
  /** The operation ends with `status: failed` and this error. */
  | { readonly kind: 'failed'; readonly code: string; readonly message: string };

/** What the server answers for the next analyses. */
export interface AzureScript {
  /** The recorded `GET …/analyzeResults/{id}` body served once the operation succeeds. */
  readonly result?: unknown;
  /** How many polls answer `running` before the result. @default 1 */
  readonly runningPolls?: number;
  /** `Retry-After` (seconds) sent on the 202 and on `running` polls. @default none */
  readonly retryAfterSeconds?: number;
  readonly fault?: AzureFault;
}

/** One request as the server saw it, without the key and without the document's bytes. */
export interface RecordedAzureRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly apiVersion: string | undefined;
  /** The JSON body with `base64Source` replaced by its decoded length, or `{ bytes }` for a binary body. */
  readonly body: unknown;
  /** Headers minus `ocp-apim-subscription-key` and `authorization`. */
  readonly headers: Readonly<Record<string, string>>;
  /** The key the request carried, compared with the expected one, so tests can check auth without keeping it. */
  readonly authenticated: boolean;
}

/** A running fake service. */
export interface AzureServer {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  readonly requests: RecordedAzureRequest[];
  /** Sets what the following analyses answer. */
  script(script: AzureScript): void;
  close(): Promise<void>;
}

/** The key tests configure; not a secret, but the server still never records it. */
export const TEST_AZURE_KEY = 'test-key-not-secret';

const ANALYZE = /^\/(documentintelligence|formrecognizer)\/documentModels\/([^/:]+):analyze$/;
const RESULT = /^\/(documentintelligence|formrecognizer)\/documentModels\/([^/]+)\/analyzeResults\/([^/]+)$/;
const SECRET_HEADERS = new Set(['ocp-apim-subscription-key', 'authorization']);

/** Starts the server on 127.0.0.1 and a free port. */
export async function startAzureServer(): Promise<AzureServer> {
  let current: AzureScript = {};
  const requests: RecordedAzureRequest[] = [];
  const polls = new Map<string, number>();
  let nextId = 0;

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const body = await readBody(req);
    requests.push(record(req, url, body));
    const script = current;
    const analyze = ANALYZE.exec(url.pathname);
    if (req.method === 'POST' && analyze) return answerAnalyze(res, script, url, `${nextId++}`, endpoint());
    const result = RESULT.exec(url.pathname);
    if (req.method === 'GET' && result) {
      const id = result[3] as string;
      const count = (polls.get(id) ?? 0) + 1;
      polls.set(id, count);
      return answerPoll(res, script, count);
    }
    json(res, 404, { error: { code: 'NotFound', message: `No route for ${req.method} ${url.pathname}.` } });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const endpoint = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    endpoint: endpoint(),
    requests,
    script(script) {
      current = script;
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

function answerAnalyze(
  res: ServerResponse,
  script: AzureScript,
  url: URL,
  id: string,
  endpoint: string,
): void {
  const [, prefix, model] = ANALYZE.exec(url.pathname) ?? [];
  if (script.fault?.kind === 'reset') {
    res.socket?.destroy();
    return;
  }
  const fault = script.fault && faultAnswer(script.fault, model ?? '');
  if (fault) {
    if (script.fault?.kind === 'throttled') res.setHeader('Retry-After', `${script.fault.retryAfterSeconds}`);
    json(res, fault.status, { error: fault.error });
    return;
  }
  res.setHeader(
    'Operation-Location',
    `${endpoint}/${prefix}/documentModels/${model}/analyzeResults/${id}?api-version=${url.searchParams.get('api-version')}`,
  );
  if (script.retryAfterSeconds !== undefined) res.setHeader('Retry-After', `${script.retryAfterSeconds}`);
  res.writeHead(202).end();
}

// The error bodies the real service sends for these failures.
function faultAnswer(fault: AzureFault, model: string): { status: number; error: unknown } | undefined {
  switch (fault.kind) {
    case 'throttled':
      return {
        status: 429,
        error: { code: 'TooManyRequests', message: 'Rate limit is exceeded. Try again in a few seconds.' },
      };
    case 'server-error':
      return {
        status: 500,
        error: { code: 'InternalServerError', message: 'An unexpected error occurred.' },
      };
    case 'unauthorized':
      return {
        status: 401,
        error: {
          code: '401',
          message:
            'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
        },
      };
    case 'model-not-found':
      return {
        status: 404,
        error: {
          code: 'NotFound',
          message: 'Resource not found.',
          innererror: { code: 'ModelNotFound', message: `The requested model '${model}' was not found.` },
        },
      };
    case 'invalid-content':
      return {
        status: 400,
        error: {
          code: 'InvalidRequest',
          message: 'Invalid request.',
          innererror: {
            code: 'InvalidContent',
            message:
              'The file is corrupted or format is unsupported. Refer to documentation for the list of supported formats.',
          },
        },
      };
    default:
      return undefined;
  }
}

function answerPoll(res: ServerResponse, script: AzureScript, count: number): void {
  const fault = script.fault;
  const answer = () => {
    if (count <= (script.runningPolls ?? 1)) {
      if (script.retryAfterSeconds !== undefined) res.setHeader('Retry-After', `${script.retryAfterSeconds}`);
      return json(res, 200, { status: 'running', createdDateTime: '2025-01-01T00:00:00Z' });
    }
    if (fault?.kind === 'failed')
      return json(res, 200, {
        status: 'failed',
        error: {
          code: 'InternalServerError',
          message: 'An unexpected error occurred.',
          innererror: { code: fault.code, message: fault.message },
        },
      });
    json(res, 200, script.result ?? { status: 'succeeded', analyzeResult: { pages: [] } });
  };
  if (fault?.kind === 'slow-poll') setTimeout(answer, fault.delayMs).unref();
  else answer();
}

function record(req: IncomingMessage, url: URL, body: Buffer): RecordedAzureRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers))
    if (!SECRET_HEADERS.has(name) && typeof value === 'string') headers[name] = value;
  return {
    method: req.method ?? '',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    apiVersion: url.searchParams.get('api-version') ?? undefined,
    body: describeBody(req, body),
    headers,
    authenticated: req.headers['ocp-apim-subscription-key'] === TEST_AZURE_KEY,
  };
}

function describeBody(req: IncomingMessage, body: Buffer): unknown {
  if (body.length === 0) return undefined;
  if (!req.headers['content-type']?.includes('json')) return { bytes: body.length };
  const parsed = JSON.parse(body.toString('utf8')) as { base64Source?: string };
  if (parsed.base64Source === undefined) return parsed;
  return { ...parsed, base64Source: { bytes: Buffer.from(parsed.base64Source, 'base64').length } };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
