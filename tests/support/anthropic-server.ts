/**
 * A stand-in for Anthropic's Messages API on 127.0.0.1: `POST /v1/messages` answers the scripted
 * {@link ScriptedAnswer}s as non-streaming `Message`s or Anthropic error bodies, and records each
 * request without its credential. The Bedrock stand-in reuses the server and the `Message` rendering
 * through {@link startMessagesServer}.
 */
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type LlmTestServer,
  type RecordedRequest,
  SCRIPTED_USAGE,
  type ScriptedAnswer,
} from './llm-script.js';

/** A scripted answer that is given at once. */
type PromptAnswer = Exclude<ScriptedAnswer, { kind: 'slow' }>;

/** An HTTP answer: status, headers and JSON body. */
export interface HttpAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** How one Messages API dialect (Anthropic's, Bedrock's) routes requests and reports errors. */
export interface MessagesDialect {
  /** The model a request is for, or `undefined` when the request is not a Messages call. */
  modelOf(method: string, path: string, body: Record<string, unknown>): string | undefined;
  /** The error answer for a scripted status. */
  error(status: number, message: string): HttpAnswer;
}

const ANTHROPIC_ERROR_TYPES: Readonly<Record<number, string>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

const ANTHROPIC_DIALECT: MessagesDialect = {
  modelOf: (method, path, body) =>
    method === 'POST' && path === '/v1/messages' && typeof body.model === 'string' ? body.model : undefined,
  error: (status, message) => ({
    status,
    headers: { 'request-id': 'req_test' },
    body: { type: 'error', error: { type: ANTHROPIC_ERROR_TYPES[status] ?? 'api_error', message } },
  }),
};

/** Starts the Anthropic stand-in on 127.0.0.1 and a free port; give its `url` as `baseURL`. */
export function startAnthropicServer(): Promise<LlmTestServer> {
  return startMessagesServer(ANTHROPIC_DIALECT);
}

/** Starts a scripted Messages API server speaking `dialect`. */
export async function startMessagesServer(dialect: MessagesDialect): Promise<LlmTestServer> {
  const queue: ScriptedAnswer[] = [];
  const requests: RecordedRequest[] = [];
  let served = 0;
  let answerFor: ((body: Record<string, unknown>) => ScriptedAnswer | undefined) | undefined;

  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const text = await readBody(req);
    const body = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
    const method = req.method ?? '';
    requests.push({ method, path, auth: authScheme(req.headers), body });
    const model = dialect.modelOf(method, path, body);
    if (model === undefined) return send(res, dialect.error(404, `No route for ${method} ${path}.`));
    const answer = queue.shift() ?? answerFor?.(body);
    served += 1;
    if (answer === undefined) return send(res, dialect.error(500, 'The test script has no answer left.'));
    const key = apiKey(req.headers);
    play(res, answer, (scripted) => renderAnswer(scripted, body, model, served, dialect, key));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    script(...answers) {
      queue.push(...answers);
    },
    respondWith(responder) {
      answerFor = responder;
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

/** Sends `answer`, after its delay for a `slow` one unless the client has given up by then. */
function play(
  res: ServerResponse,
  answer: ScriptedAnswer,
  render: (answer: PromptAnswer) => HttpAnswer,
): void {
  if (answer.kind !== 'slow') {
    send(res, render(answer));
    return;
  }
  const timer = setTimeout(() => play(res, answer.answer, render), answer.delayMs);
  // A client that timed out closes the connection; nothing is left to answer.
  res.on('close', () => clearTimeout(timer));
}

/** The HTTP answer for a scripted answer that is not `slow`. */
function renderAnswer(
  answer: PromptAnswer,
  body: Record<string, unknown>,
  model: string,
  id: number,
  dialect: MessagesDialect,
  key: string | undefined,
): HttpAnswer {
  if (answer.kind === 'status') {
    // A 401 echoes the key it was sent, as some proxies do, so tests can check it never reaches a docpipe error.
    const message =
      answer.status === 401 && key !== undefined ? `Invalid key: ${key}.` : `Scripted HTTP ${answer.status}.`;
    const answered = dialect.error(answer.status, message);
    if (answer.retryAfterSeconds === undefined) return answered;
    return { ...answered, headers: { ...answered.headers, 'retry-after': `${answer.retryAfterSeconds}` } };
  }
  return { status: 200, body: renderMessage(answer, body, model, id) };
}

/**
 * A `Message` answering `request` as the real API would: a `json` answer is the input of a
 * `tool_use` block when the request forced a tool, else JSON text.
 */
export function renderMessage(
  answer: Exclude<ScriptedAnswer, { kind: 'status' | 'slow' }>,
  request: Record<string, unknown>,
  model: string,
  id: number,
): Record<string, unknown> {
  const { content, stopReason } = messageContent(answer, forcedTool(request));
  return {
    id: `msg_test_${id}`,
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage: {
      input_tokens: SCRIPTED_USAGE.inputTokens,
      output_tokens: SCRIPTED_USAGE.outputTokens,
      cache_read_input_tokens: SCRIPTED_USAGE.cacheReadTokens,
      cache_creation_input_tokens: SCRIPTED_USAGE.cacheWriteTokens,
    },
  };
}

function messageContent(
  answer: Exclude<ScriptedAnswer, { kind: 'status' | 'slow' }>,
  tool: string | undefined,
): { content: unknown[]; stopReason: string } {
  const text = (value: string) => [{ type: 'text', text: value }];
  switch (answer.kind) {
    case 'json':
      return tool === undefined
        ? { content: text(JSON.stringify(answer.value)), stopReason: 'end_turn' }
        : {
            content: [{ type: 'tool_use', id: 'toolu_test', name: tool, input: answer.value }],
            stopReason: 'tool_use',
          };
    case 'text':
      return { content: text(answer.text), stopReason: 'end_turn' };
    case 'truncated':
      return { content: text(answer.text), stopReason: 'max_tokens' };
    case 'refusal':
      return { content: text(answer.text), stopReason: 'refusal' };
  }
}

/** The tool a request makes the model call, if any. */
function forcedTool(request: Record<string, unknown>): string | undefined {
  const choice = request.tool_choice as { type?: string; name?: string } | undefined;
  if (choice?.type === 'tool') return choice.name;
  const tools = request.tools as { name?: string }[] | undefined;
  return tools?.[0]?.name;
}

/** The API key a request carried (`x-api-key`, or a bearer token); `undefined` for a signed (SigV4) request. */
function apiKey(headers: IncomingHttpHeaders): string | undefined {
  const header = headers['x-api-key'];
  if (typeof header === 'string') return header;
  return /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1];
}

/** The scheme of the credential a request carried, never the credential itself. */
function authScheme(headers: IncomingHttpHeaders): string | undefined {
  if (headers.authorization) return headers.authorization.split(' ')[0];
  return headers['x-api-key'] === undefined ? undefined : 'x-api-key';
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, answer: HttpAnswer): void {
  res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
  res.end(JSON.stringify(answer.body));
}
