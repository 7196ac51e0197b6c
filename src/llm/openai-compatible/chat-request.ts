/**
 * An {@link ExtractionRequest} as a Chat Completions request body.
 *
 * @module
 */
import type { OpenAI } from 'openai';
import type { JSONSchema } from '../../schema/index.js';
import type { LoadedDocument } from '../../spec/document.js';
import { InputError } from '../../spec/errors.js';
import type { ExtractionRequest } from '../../spec/extraction-model.js';
import type { OpenAIModelTraits } from './openai-models.js';
import type { ResolvedOpenAISettings } from './openai-settings.js';

type ChatBody = OpenAI.Chat.ChatCompletionCreateParamsNonStreaming;
type ChatMessage = OpenAI.Chat.ChatCompletionMessageParam;
type ContentPart = OpenAI.Chat.ChatCompletionContentPart;

/** The name of the function tool the answer is forced into in `tool` mode. */
export const EXTRACT_TOOL = 'extract';

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/**
 * The request body for `request`: the system prompt, the user turn (the prompt, with the document attached
 * when there is one), the repair turns, and the output constraint of `settings.outputMode`.
 *
 * @param strictSchema - The schema adapted by `openAIStrictSchema`, for `json-schema` and `tool` modes.
 * @throws {InputError} when the document is a PDF the model does not read, or an image type it does not take
 */
export function chatCompletionBody(
  request: ExtractionRequest,
  settings: ResolvedOpenAISettings,
  traits: OpenAIModelTraits,
  strictSchema: JSONSchema,
): ChatBody {
  const attachment = request.document && attachmentPart(request.document, settings.modelId, traits);
  const messages: ChatMessage[] = [
    { role: 'system', content: systemContent(request, settings) },
    {
      role: 'user',
      // Plain string content when nothing is attached: the form every compatible server accepts.
      content: attachment ? [{ type: 'text', text: request.prompt }, attachment] : request.prompt,
    },
    ...(request.repairs ?? []).flatMap((repair): ChatMessage[] => [
      { role: 'assistant', content: repair.answer },
      { role: 'user', content: repair.problem },
    ]),
  ];
  return {
    model: settings.modelId,
    messages,
    // OpenAI's reasoning models reject max_tokens; other servers do not all know max_completion_tokens.
    ...(settings.officialApi
      ? { max_completion_tokens: request.maxTokens }
      : { max_tokens: request.maxTokens }),
    // Reasoning models accept only their default temperature.
    ...(traits.reasoning ? {} : { temperature: request.temperature }),
    ...outputConstraint(settings, strictSchema),
  };
}

function systemContent(request: ExtractionRequest, settings: ResolvedOpenAISettings): string {
  if (settings.outputMode !== 'json-object') return request.system;
  // JSON mode guarantees JSON but not its shape: the model has to read the schema.
  return `${request.system}\n\nAnswer with a JSON object that satisfies this JSON Schema:\n${JSON.stringify(request.jsonSchema)}`;
}

function outputConstraint(
  settings: ResolvedOpenAISettings,
  strictSchema: JSONSchema,
): Pick<ChatBody, 'response_format' | 'tools' | 'tool_choice'> {
  const schema = strictSchema as Record<string, unknown>;
  switch (settings.outputMode) {
    case 'json-schema':
      return {
        response_format: { type: 'json_schema', json_schema: { name: 'extraction', strict: true, schema } },
      };
    case 'json-object':
      return { response_format: { type: 'json_object' } };
    case 'tool':
      return {
        tools: [
          {
            type: 'function',
            function: {
              name: EXTRACT_TOOL,
              description: 'Records the data extracted from the document.',
              parameters: schema,
              strict: true,
            },
          },
        ],
        tool_choice: { type: 'function', function: { name: EXTRACT_TOOL } },
      };
  }
}

function attachmentPart(
  document: LoadedDocument,
  modelId: string,
  traits: OpenAIModelTraits,
): ContentPart | undefined {
  if (document.bytes === undefined || document.mediaType === 'text/plain') return undefined;
  const dataUrl = `data:${document.mediaType};base64,${base64(document.bytes)}`;
  if (IMAGE_TYPES.has(document.mediaType)) {
    // 'high' keeps small print legible; 'auto' may send a 512-pixel thumbnail.
    return { type: 'image_url', image_url: { url: dataUrl, detail: 'high' } };
  }
  if (document.mediaType === 'application/pdf' && traits.pdf) {
    return { type: 'file', file: { filename: document.name, file_data: dataUrl } };
  }
  if (document.mediaType === 'application/pdf') {
    throw new InputError(
      `${document.name} is a PDF and model '${modelId}' is not known to read PDFs through an OpenAI-compatible endpoint; use stages [Stage.OCR, Stage.PARSER, Stage.LLM_EXTRACTION], or use an OpenAI gpt-4o, gpt-4.1 or gpt-5 model.`,
    );
  }
  throw new InputError(
    `${document.name} is ${document.mediaType}, which OpenAI-compatible models do not read; convert it to PNG or JPEG, or use stages [Stage.OCR, Stage.PARSER, Stage.LLM_EXTRACTION].`,
  );
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
