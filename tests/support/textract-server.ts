/**
 * A local stand-in for Amazon Textract: a `node:http` server on 127.0.0.1 speaking the JSON 1.1 protocol the
 * real SDK client uses, answering each `X-Amz-Target` with scripted answers (recorded responses or faults) and
 * recording every request it received.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the server saw it: the document bytes replaced by their length, authorization dropped. */
export interface RecordedTextractRequest {
  /** The API, e.g. `AnalyzeDocument` (from `X-Amz-Target: Textract.AnalyzeDocument`). */
  readonly api: string;
  readonly body: Record<string, unknown>;
  readonly headers: Readonly<Record<string, string>>;
  /** The document bytes sent inline, decoded, when there were any. */
  readonly documentBytes: Uint8Array | undefined;
}

/** What the server answers one request with. */
export type TextractAnswer =
  | { readonly json: unknown; readonly status?: number; readonly headers?: Readonly<Record<string, string>> }
  | { readonly delayMs: number; readonly answer: TextractAnswer }
  | { readonly resetConnection: true };

/** An S3 request as the server saw it (path-style: `/<bucket>/<key>`). */
export interface RecordedS3Request {
  readonly method: 'PUT' | 'DELETE';
  readonly bucket: string;
  readonly key: string;
  /** The bytes a PUT carried. */
  readonly bytes: number;
}

/** A running server; point the client at {@link TextractServer.endpoint}. */
export interface TextractServer {
  readonly endpoint: string;
  readonly requests: RecordedTextractRequest[];
  /** The S3 uploads and deletions of asynchronous jobs, answered with success. */
  readonly s3Requests: RecordedS3Request[];
  /** Queues answers for `api`, used one per request in order; the last one keeps answering. */
  answer(api: string, ...answers: TextractAnswer[]): void;
  close(): Promise<void>;
}

const FIXTURES = new URL('../fixtures/textract/', import.meta.url);

/** A recorded response from `tests/fixtures/textract/`, without the SDK's metadata (kept in the file). */
export function recordedResponse(name: string): Record<string, unknown> {
  const response = JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as Record<string, unknown>;
  const { ResponseMetadata: _boto, $metadata: _js, ...body } = response;
  return body;
}

/** A recorded response as an answer. */
export function replay(name: string): TextractAnswer {
  return { json: recordedResponse(name) };
}

/** An AWS JSON 1.1 error answer. */
export function awsError(
  status: number,
  type: string,
  message: string,
  headers: Readonly<Record<string, string>> = {},
): TextractAnswer {
  return { status, json: { __type: type, message }, headers: { 'x-amzn-errortype': type, ...headers } };
}

/** The faults the tests map to errors. */
export const faults = {
  throttling: awsError(400, 'ThrottlingException', 'Rate exceeded'),
  tooManyRequests: (retryAfterSeconds: number) =>
    awsError(429, 'TooManyRequestsException', 'Too many requests', {
      'retry-after': String(retryAfterSeconds),
    }),
  internalError: awsError(500, 'InternalServerError', 'Internal server error'),
  invalidParameter: awsError(400, 'InvalidParameterException', 'Request has invalid parameters'),
  unrecognizedClient: awsError(
    400,
    'UnrecognizedClientException',
    'The security token included in the request is invalid.',
  ),
  // What AWS says about a bad signature, quoting the signed request the way the real service does.
  invalidSignature: awsError(
    400,
    'InvalidSignatureException',
    "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.\n\nThe Canonical String for this request should have been\n'POST\n/\n\nhost:textract'\n\nCredential=AKIDTEST/20240101/us-east-1/textract/aws4_request",
  ),
} as const;

/** Starts a server on 127.0.0.1 on a free port. */
export async function startTextractServer(): Promise<TextractServer> {
  const requests: RecordedTextractRequest[] = [];
  const s3Requests: RecordedS3Request[] = [];
  const scripts = new Map<string, TextractAnswer[]>();
  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      response.statusCode = 500;
      response.end(String(error));
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const bytes = await readBody(request);
    // S3 is the one REST API here: Textract's are POSTs with an X-Amz-Target.
    if (request.method === 'PUT' || request.method === 'DELETE') {
      const [bucket = '', ...key] = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)
        .slice(1)
        .split('/');
      s3Requests.push({ method: request.method, bucket, key: key.join('/'), bytes: bytes.length });
      response.writeHead(request.method === 'PUT' ? 200 : 204, { etag: '"test"' });
      response.end();
      return;
    }
    const raw = bytes.toString('utf8');
    const api = String(request.headers['x-amz-target'] ?? '').replace(/^Textract\./, '');
    const body = (raw === '' ? {} : JSON.parse(raw)) as Record<string, unknown>;
    const document = body.Document as { Bytes?: string } | undefined;
    const documentBytes = document?.Bytes === undefined ? undefined : Buffer.from(document.Bytes, 'base64');
    const recordedBody =
      documentBytes === undefined
        ? body
        : { ...body, Document: { Bytes: `<${documentBytes.length} bytes>` } };
    const { authorization: _authorization, ...headers } = request.headers;
    requests.push({ api, body: recordedBody, headers: headers as Record<string, string>, documentBytes });
    const queue = scripts.get(api) ?? [];
    const next = queue.length > 1 ? queue.shift() : queue[0];
    if (next === undefined) {
      await send(response, awsError(400, 'UnknownOperationException', `No answer scripted for ${api}`));
      return;
    }
    await send(response, next);
  }

  async function send(response: ServerResponse, answer: TextractAnswer): Promise<void> {
    if ('resetConnection' in answer) {
      response.socket?.destroy();
      return;
    }
    if ('delayMs' in answer) {
      await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
      if (response.destroyed || response.socket?.destroyed) return;
      await send(response, answer.answer);
      return;
    }
    const payload = JSON.stringify(answer.json);
    response.writeHead(answer.status ?? 200, {
      'content-type': 'application/x-amz-json-1.1',
      'x-amzn-requestid': `test-${requests.length}`,
      ...answer.headers,
    });
    response.end(payload);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    s3Requests,
    answer(api, ...answers) {
      scripts.set(api, [...answers]);
    },
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
