/**
 * An extraction request as a Messages API body, the same for Anthropic and for Claude on Bedrock:
 * the system prompt (marked cacheable), one user turn with the document and the prompt, a pair of
 * turns per repair, and the output constraint.
 *
 * @module
 */
import type {
  ContentBlockParam,
  MessageCreateParamsNonStreaming,
  MessageParam,
  TextBlockParam,
} from '@anthropic-ai/sdk/resources/messages';
import type { LoadedDocument } from '../../spec/document.js';
import { InputError } from '../../spec/errors.js';
import type { ExtractionRequest, RepairTurn } from '../../spec/extraction-model.js';
import type { OutputPlan } from './output-mode.js';

/** The name of the tool whose input is the answer, in tool mode. */
export const EXTRACT_TOOL_NAME = 'extract';

const EXTRACT_TOOL_DESCRIPTION =
  'Record the data extracted from the document. The input must match the schema; leave out what the document does not say.';

// The image types the Messages API reads; TIFF and BMP need OCR first.
const IMAGE_MEDIA_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
type ImageMediaType = (typeof IMAGE_MEDIA_TYPES)[number];

/** What the request is sent with, beyond the extraction request itself. */
export interface MessagesRequestOptions {
  readonly modelId: string;
  readonly output: OutputPlan;
  /** Mark the system prompt (and with it the tool definition before it) as a cacheable prefix. */
  readonly promptCaching: boolean;
}

/**
 * The Messages API body for `request`.
 *
 * @throws {InputError} when the attached document is an image type Claude does not read
 */
export function buildMessagesRequest(
  request: ExtractionRequest,
  options: MessagesRequestOptions,
): MessageCreateParamsNonStreaming {
  const { output } = options;
  return {
    model: options.modelId,
    // No temperature: the API version SDK 1.x speaks (2026-10-21) rejects sampling parameters.
    max_tokens: request.maxTokens,
    // The API rejects empty text blocks.
    ...(request.system === '' ? {} : { system: [systemBlock(request.system, options.promptCaching)] }),
    messages: [
      {
        role: 'user',
        content: [...documentBlocks(request.document), { type: 'text', text: request.prompt }],
      },
      ...(request.repairs ?? []).flatMap(repairTurns),
    ],
    ...(output.mode === 'json-schema'
      ? {
          output_config: {
            format: { type: 'json_schema', schema: output.schema as Record<string, unknown> },
          },
        }
      : {
          tools: [
            {
              name: EXTRACT_TOOL_NAME,
              description: EXTRACT_TOOL_DESCRIPTION,
              input_schema: output.schema as { type: 'object' },
            },
          ],
          tool_choice: { type: 'tool', name: EXTRACT_TOOL_NAME },
        }),
  };
}

function systemBlock(text: string, promptCaching: boolean): TextBlockParam {
  return { type: 'text', text, ...(promptCaching ? { cache_control: { type: 'ephemeral' } } : {}) };
}

/** The document as content blocks, placed before the prompt as Anthropic recommends. */
function documentBlocks(document: LoadedDocument | undefined): ContentBlockParam[] {
  if (document === undefined) return [];
  const { mediaType } = document;
  if (mediaType === 'text/plain') {
    const data = document.text ?? new TextDecoder().decode(document.bytes);
    return [{ type: 'document', source: { type: 'text', media_type: 'text/plain', data } }];
  }
  const data = base64(document);
  if (mediaType === 'application/pdf') {
    return [{ type: 'document', source: { type: 'base64', media_type: 'application/pdf', data } }];
  }
  if ((IMAGE_MEDIA_TYPES as readonly string[]).includes(mediaType)) {
    return [{ type: 'image', source: { type: 'base64', media_type: mediaType as ImageMediaType, data } }];
  }
  throw new InputError(
    `${document.name} is ${mediaType}, which Claude does not read; use stages [Stage.OCR, Stage.PARSER, Stage.LLM_EXTRACTION], or convert it to PNG, JPEG, GIF or WebP.`,
  );
}

function base64(document: LoadedDocument): string {
  const bytes = document.bytes ?? new Uint8Array();
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** A rejected answer as the assistant's turn, and what was wrong with it as the user's reply. */
function repairTurns(repair: RepairTurn): MessageParam[] {
  return [
    // An empty answer (the model said nothing) would be an empty text block, which the API rejects.
    { role: 'assistant', content: repair.answer === '' ? '(no answer)' : repair.answer },
    { role: 'user', content: repair.problem },
  ];
}
