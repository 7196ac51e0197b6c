/**
 * A stand-in for an OpenAI-compatible Chat Completions endpoint on 127.0.0.1: `POST /v1/chat/completions`
 * answers with the scripted answers in OpenAI's wire format (a non-streaming `chat.completion`, or the
 * `{ error: { message, type, code } }` body of a failure) and records what it received, without the key.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type LlmTestServer,
  type RecordedRequest,
  SCRIPTED_USAGE,
  type ScriptedAnswer,
} from './llm-script.js';

/** An answer only OpenAI-compatible endpoints give: `finish_reason: content_filter` after this partial text. */
export interface ContentFilterAnswer {
  readonly kind: 'content-filter';
  readonly text: string;
}

/** What {@link OpenAIServer.script} takes: the shared script, plus OpenAI's own answers. */
export type OpenAIScriptedAnswer = ScriptedAnswer | ContentFilterAnswer;

/** A running fake endpoint; its `url` ends with `/v1`, as a `baseURL` does. */
export interface OpenAIServer extends LlmTestServer {
  script(...answers: OpenAIScriptedAnswer[]): void;
  /**
   * Answers computed from each request once the scripted queue is empty, for concurrent callers
   * whose arrival order is not fixed (e.g. by the document text in the prompt).
   */
  respondWith(answerFor: (body: Record<string, unknown>) => OpenAIScriptedAnswer | undefined): void;
}

interface ChatBody {
  readonly model?: string;
  readonly tools?: readonly { readonly function?: { readonly name?: string } }[];
  readonly tool_choice?: unknown;
}

interface Rendered {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

const COMPLETIONS_PATH = '/v1/chat/completions';

/** Starts the server on 127.0.0.1 and a free port. */
export async function startOpenAIServer(): Promise<OpenAIServer> {
  const queue: OpenAIScriptedAnswer[] = [];
  const requests: RecordedRequest[] = [];
  let answerFor: ((body: Record<string, unknown>) => OpenAIScriptedAnswer | undefined) | undefined;
  let nextId = 0;

  const server = createServer(async (req, res) => {
    const text = await readBody(req);
    const body = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push({ method: req.method ?? '', path, auth: authScheme(req), body });
    if (req.method !== 'POST' || path !== COMPLETIONS_PATH) {
      const message = `Invalid URL (${req.method} ${path})`;
      return send(res, { status: 404, body: errorBody(message, 'invalid_request_error', null) });
    }
    play(res, queue.shift() ?? answerFor?.(body), {
      body: body as ChatBody,
      bearer: bearerToken(req),
      id: `chatcmpl-test-${nextId++}`,
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
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

interface Call {
  readonly body: ChatBody;
  readonly bearer: string | undefined;
  readonly id: string;
}

function play(res: ServerResponse, answer: OpenAIScriptedAnswer | undefined, call: Call): void {
  if (answer?.kind !== 'slow') {
    send(res, render(answer, call));
    return;
  }
  const timer = setTimeout(() => play(res, answer.answer, call), answer.delayMs);
  // The client gave up (its timeout or abort): nothing is left to answer.
  res.once('close', () => clearTimeout(timer));
}

function render(answer: Exclude<OpenAIScriptedAnswer, { kind: 'slow' }> | undefined, call: Call): Rendered {
  const toolName = call.body.tools?.[0]?.function?.name;
  // OpenAI ends a call forced by a named tool_choice with 'stop', a call the model chose with 'tool_calls'.
  const toolFinish = typeof call.body.tool_choice === 'object' ? 'stop' : 'tool_calls';
  switch (answer?.kind) {
    case 'json':
      return toolName === undefined
        ? completion(call, { content: JSON.stringify(answer.value) }, 'stop')
        : completion(call, { toolCall: [toolName, JSON.stringify(answer.value)] }, toolFinish);
    case 'text':
      return completion(call, { content: answer.text }, 'stop');
    case 'truncated':
      return toolName === undefined
        ? completion(call, { content: answer.text }, 'length')
        : completion(call, { toolCall: [toolName, answer.text] }, 'length');
    case 'refusal':
      return completion(call, { refusal: answer.text }, 'stop');
    case 'content-filter':
      return completion(call, { content: answer.text }, 'content_filter');
    case 'status':
      return failure(answer.status, call, answer.retryAfterSeconds);
    case undefined:
      return failure(500, call);
  }
}

function completion(
  call: Call,
  message: { content?: string; refusal?: string; toolCall?: readonly [name: string, args: string] },
  finishReason: string,
): Rendered {
  const { inputTokens, outputTokens, cacheReadTokens } = SCRIPTED_USAGE;
  const promptTokens = inputTokens + cacheReadTokens;
  return {
    status: 200,
    body: {
      id: call.id,
      object: 'chat.completion',
      created: 1_750_000_000,
      model: call.body.model ?? 'unknown',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: message.content ?? null,
            refusal: message.refusal ?? null,
            ...(message.toolCall
              ? {
                  tool_calls: [
                    {
                      id: `call_${call.id}`,
                      type: 'function',
                      function: { name: message.toolCall[0], arguments: message.toolCall[1] },
                    },
                  ],
                }
              : {}),
            annotations: [],
          },
          logprobs: null,
          finish_reason: finishReason,
        },
      ],
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: outputTokens,
        total_tokens: promptTokens + outputTokens,
        prompt_tokens_details: { cached_tokens: cacheReadTokens, audio_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0 },
      },
      service_tier: 'default',
      system_fingerprint: 'fp_test',
    },
  };
}

// The error bodies OpenAI sends for these statuses.
function failure(status: number, call: Call, retryAfterSeconds?: number): Rendered {
  const headers: Record<string, string> =
    retryAfterSeconds === undefined ? {} : { 'retry-after': `${retryAfterSeconds}` };
  switch (status) {
    case 401:
      // OpenAI masks the key here; this server echoes it whole, as some proxies do, so tests can check it
      // never reaches a docpipe error.
      return {
        status,
        headers,
        body: errorBody(
          `Incorrect API key provided: ${call.bearer ?? ''}. You can find your API key at https://platform.openai.com/account/api-keys.`,
          'invalid_request_error',
          'invalid_api_key',
        ),
      };
    case 404:
      return {
        status,
        headers,
        body: errorBody(
          `The model \`${call.body.model}\` does not exist or you do not have access to it.`,
          'invalid_request_error',
          'model_not_found',
        ),
      };
    case 429:
      return {
        status,
        headers,
        body: errorBody(
          `Rate limit reached for ${call.body.model} on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.`,
          'requests',
          'rate_limit_exceeded',
        ),
      };
    default:
      return status >= 500
        ? {
            status,
            headers,
            body: errorBody(
              'The server had an error while processing your request. Sorry about that!',
              'server_error',
              null,
            ),
          }
        : {
            status,
            headers,
            body: errorBody(`Request failed with status ${status}.`, 'invalid_request_error', null),
          };
  }
}

function errorBody(message: string, type: string, code: string | null): unknown {
  return { error: { message, type, param: null, code } };
}

function authScheme(req: IncomingMessage): string | undefined {
  return req.headers.authorization?.split(' ')[0];
}

function bearerToken(req: IncomingMessage): string | undefined {
  return req.headers.authorization?.replace(/^Bearer\s+/i, '');
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, rendered: Rendered): void {
  res
    .writeHead(rendered.status, { 'content-type': 'application/json', ...rendered.headers })
    .end(JSON.stringify(rendered.body));
}
