/**
 * A stand-in for the Bedrock runtime's InvokeModel on 127.0.0.1: `POST /model/{modelId}/invoke`
 * takes Anthropic's body (without `model`, with `anthropic_version`) and answers the scripted
 * answers as the same `Message` the Anthropic stand-in renders, or as Bedrock errors:
 * an `x-amzn-errortype` header and a `{ message }` body. Bedrock has no 529; a scripted 529 is
 * answered as Bedrock reports overload, 503 ServiceUnavailableException.
 */
import { type HttpAnswer, startMessagesServer } from './anthropic-server.js';
import type { LlmTestServer } from './llm-script.js';

const INVOKE = /^\/model\/([^/]+)\/invoke$/;

const BEDROCK_ERROR_TYPES: Readonly<Record<number, string>> = {
  400: 'ValidationException',
  401: 'UnrecognizedClientException',
  403: 'AccessDeniedException',
  404: 'ResourceNotFoundException',
  408: 'ModelTimeoutException',
  413: 'ValidationException',
  424: 'ModelErrorException',
  429: 'ThrottlingException',
  500: 'InternalServerException',
  503: 'ServiceUnavailableException',
};

/** Starts the Bedrock stand-in on 127.0.0.1 and a free port; give its `url` as `baseURL`. */
export function startBedrockServer(): Promise<LlmTestServer> {
  return startMessagesServer({
    modelOf(method, path) {
      const invoke = INVOKE.exec(path);
      return method === 'POST' && invoke ? decodeURIComponent(invoke[1] as string) : undefined;
    },
    error(scriptedStatus, message): HttpAnswer {
      const status = scriptedStatus === 529 ? 503 : scriptedStatus;
      const type = BEDROCK_ERROR_TYPES[status] ?? 'InternalServerException';
      return {
        status,
        headers: {
          'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
          'x-amzn-requestid': 'test',
        },
        body: { message },
      };
    },
  });
}
