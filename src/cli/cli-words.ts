/**
 * The library's messages in the CLI's own words. A library error says which option to change the way a
 * library caller writes it (`LLMExtractionConfig.maxTokens`, `[Stage.OCR, Stage.PARSER]`, `limits.maxPixels`,
 * `new AnthropicCredential({ apiKey })`); a CLI user can only pass flags and set environment variables. The
 * library keeps its wording, and every message the CLI prints (errors, warnings, the batch summary) goes
 * through {@link inCliWords} first, which names the flag instead, or leaves out a fix the command line has no
 * way to apply (credential objects: the CLI reads secrets from the environment only).
 *
 * @module
 */
import type { DocumentLimits } from '../spec/document.js';
import type { Stage } from '../stages/constants.js';

/** The flag that sets each document limit. */
export const LIMIT_FLAGS: Readonly<Record<keyof DocumentLimits, string>> = {
  maxBytes: '--max-bytes',
  maxPages: '--max-pages',
  maxPixels: '--max-pixels',
  maxPageMs: '--page-timeout',
};

/** The flag that sets each stage option a message may name; options the CLI never sets are absent. */
const OPTION_FLAGS: Readonly<Record<string, string>> = {
  'LLMExtractionConfig.model': '--model',
  'LLMExtractionConfig.baseURL': '--base-url',
  'LLMExtractionConfig.maxTokens': '--max-tokens',
  'LLMExtractionConfig.contextTokens': '--context-tokens',
  'LLMExtractionConfig.repairAttempts': '--repair-attempts',
  'LLMExtractionConfig.outputMode': '--output-mode',
  'LLMExtractionConfig.locale': '--locale',
  'OCRConfig.pages': '--pages',
  ...Object.fromEntries(Object.entries(LIMIT_FLAGS).map(([limit, flag]) => [`limits.${limit}`, flag])),
};

/**
 * Options a message may name that the CLI does not set, so no message the CLI prints can be about them: they
 * reach the library's defaults only (credential objects, S3 staging, Textract features, languages, sampling).
 * The test of this module checks that every option a library message names is a flag or listed here.
 */
export const LIBRARY_ONLY_OPTIONS: ReadonlySet<string> = new Set([
  'LLMExtractionConfig.credential',
  'LLMExtractionConfig.temperature',
  'OCRConfig.credential',
  'OCRConfig.model',
  'OCRConfig.features',
  'OCRConfig.queries',
  'OCRConfig.languages',
  'OCRConfig.s3',
]);

/** The CLI's name of each stage (`--stages ocr,parser,llm`). */
const STAGE_FLAG_NAMES: Readonly<Record<string, string>> = {
  OCR: 'ocr',
  PARSER: 'parser',
  LLM_EXTRACTION: 'llm',
} satisfies Record<keyof typeof Stage, string>;

type Rewrite = readonly [
  pattern: RegExp,
  replacement: string | ((match: string, ...groups: string[]) => string),
];

const stageName = (member: string) => STAGE_FLAG_NAMES[member] ?? member.toLowerCase();

/**
 * Fixes the command line cannot apply, left out with the words that join them to the sentence. Each is
 * written against the library's own phrasing; the test of this module runs every library message through
 * them. Order matters: whole clauses go before the single names inside them are mapped.
 */
const REWRITES: readonly Rewrite[] = [
  // `, or pass credential: new AnthropicCredential({ apiKey }) to LLMExtractionConfig`
  [/,? or pass (?:credential: )?new \w+Credential\(\{[^}]*\}\)(?: to \w+Config)?/g, ''],
  // `, or pass a valid AnthropicCredential`
  [/,? or pass (?:a valid )?\w*Credential\b/g, ''],
  // `, or pass OCRConfig.credential (an AzureCredential or a TokenCredential)`
  [/,? or pass \w+Config\.credential(?: \([^)]*\))?/g, ''],
  // ` (or OCRConfig.credential)`, `pass OCRConfig.credential, or `, ` in OCRConfig.credential or`
  [/ \(or \w+Config\.credential\)/g, ''],
  [/pass \w+Config\.credential, or /g, ''],
  [/ in \w+Config\.credential or/g, ' in'],
  // `, or LLMExtractionConfig.region`, ` or OCRConfig.endpoint`: the CLI reads both from the environment.
  [/,? or \w+Config\.(?:region|endpoint)\b/g, ''],
  [/\bOCRConfig\.endpoint\b/g, 'the endpoint'],
  // Textract's S3 staging: `, or set OCRConfig.s3 so Textract reads it whole`, `(and s3:GetObject for OCRConfig.s3)`
  [/,? or (?:for a PDF )?set OCRConfig\.s3\b[^;.]*/g, ''],
  [/ \(and s3:GetObject for OCRConfig\.s3\)/g, ''],
  [/lower OCRConfig\.dpi or /g, ''],
  [/; pass LLMExtractionConfig\.pricing\./g, '.'],
  // `stages [Stage.OCR, Stage.PARSER]` and `[Stage.OCR, Stage.PARSER]` → `--stages ocr,parser`
  [
    /(?:\bstages )?\[(Stage\.\w+(?:, Stage\.\w+)*)\]/g,
    (_match, list = '') =>
      `--stages ${list
        .split(', ')
        .map((entry) => stageName(entry.slice('Stage.'.length)))
        .join(',')}`,
  ],
  // `set LLMExtractionConfig.outputMode to 'tool'` → `pass --output-mode tool`
  [
    /\bset (\w+Config\.\w+) to '([\w-]+)'/g,
    (match, option = '', value = '') =>
      OPTION_FLAGS[option] ? `pass ${OPTION_FLAGS[option]} ${value}` : match,
  ],
  [/\bStage\.(\w+)/g, (_match, member = '') => `the ${stageName(member)} stage`],
  // The pipeline's schema option is the --schema file.
  [/\bjsonSchema\b/g, 'the --schema'],
  [/\b(?:\w+Config|limits)\.\w+/g, (name) => OPTION_FLAGS[name] ?? name],
];

/** `message` with the library's option names replaced by the CLI's flags (see the module comment). */
export function inCliWords(message: string): string {
  const rewritten = REWRITES.reduce<string>(
    (text, [pattern, replacement]) =>
      typeof replacement === 'string'
        ? text.replace(pattern, replacement)
        : text.replace(pattern, replacement),
    message,
  );
  // `Stage.PARSER reads …` became `the parser stage reads …`: a sentence still starts with a capital. One that
  // opens with a file's name (`a.pdf has …`) keeps it as written.
  const capital = /^[A-Z]|^jsonSchema\b/.test(message);
  return capital ? rewritten.charAt(0).toUpperCase() + rewritten.slice(1) : rewritten;
}
