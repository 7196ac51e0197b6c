import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inCliWords, LIBRARY_ONLY_OPTIONS } from '../../src/cli/cli-words.js';

const SRC = new URL('../../src/', import.meta.url).pathname;

// What a CLI user cannot type: a config class's option, a Stage member, a credential class, a library limit.
const LIBRARY_TERM = /\b(?:\w+Config|limits)\.\w+|\bStage\.[A-Z_]+|\b[A-Z]\w*Credential\b|\bjsonSchema\b/g;

/** Every one-line sentence in a string literal of the library (not the CLI) that names a library term. */
function libraryMessages(): { file: string; text: string }[] {
  const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter(
    (file) => file.endsWith('.ts') && !file.startsWith('cli/'),
  );
  const messages: { file: string; text: string }[] = [];
  for (const file of files) {
    for (const line of readFileSync(join(SRC, file), 'utf8').split('\n')) {
      if (/^\s*(\*|\/\/|\/\*|import )/.test(line)) continue;
      for (const [, , body = ''] of line.matchAll(/(['"`])((?:\\.|(?!\1).)*)\1/g)) {
        const text = body.replace(/\$\{[^}]*\}/g, '…');
        // A sentence, not an option's bare name (`option: 'OCRConfig.pages'`) or a module path.
        if (text.includes(' ') && text.match(LIBRARY_TERM)) messages.push({ file, text });
      }
    }
  }
  return messages;
}

describe('inCliWords: library messages in the CLI words', () => {
  it.each([
    [
      'The anthropic provider needs an API key; set ANTHROPIC_API_KEY, or pass credential: new AnthropicCredential({ apiKey }) to LLMExtractionConfig.',
      'The anthropic provider needs an API key; set ANTHROPIC_API_KEY.',
    ],
    [
      'The openai-compatible provider needs an API key for OpenAI: set OPENAI_API_KEY or pass LLMExtractionConfig.credential (an OpenAICredential), or set LLMExtractionConfig.baseURL to your own server.',
      'The openai-compatible provider needs an API key for OpenAI: set OPENAI_API_KEY, or set --base-url to your own server.',
    ],
    [
      'Amazon Bedrock needs a region; set AWS_REGION (e.g. us-east-1), or LLMExtractionConfig.region.',
      'Amazon Bedrock needs a region; set AWS_REGION (e.g. us-east-1).',
    ],
    [
      'a.pdf has 12 pages, over the limit of 10; raise limits.maxPages to load it, or split the PDF.',
      'a.pdf has 12 pages, over the limit of 10; raise --max-pages to load it, or split the PDF.',
    ],
    [
      'Stage.PARSER reads OCR output, so Stage.OCR must come right before it: use [Stage.OCR, Stage.PARSER] or [Stage.OCR, Stage.PARSER, Stage.LLM_EXTRACTION].',
      'The parser stage reads OCR output, so the ocr stage must come right before it: use --stages ocr,parser or --stages ocr,parser,llm.',
    ],
    [
      'x.txt is text, but tesseract reads images and PDFs; text needs no OCR: use stages [Stage.LLM_EXTRACTION].',
      'x.txt is text, but tesseract reads images and PDFs; text needs no OCR: use --stages llm.',
    ],
    [
      "The heuristic model's answer is still unusable after 2 repair turns (total: missing); make the schema or the prompt clearer, or raise LLMExtractionConfig.repairAttempts.",
      "The heuristic model's answer is still unusable after 2 repair turns (total: missing); make the schema or the prompt clearer, or raise --repair-attempts.",
    ],
    [
      "Check LLMExtractionConfig.model and the schema; if the schema is what Anthropic rejected, set LLMExtractionConfig.outputMode to 'tool'.",
      'Check --model and the schema; if the schema is what Anthropic rejected, pass --output-mode tool.',
    ],
    [
      'Page 7 was requested but a.pdf has 3 pages; ask for pages from 1 to 3 (OCRConfig.pages).',
      'Page 7 was requested but a.pdf has 3 pages; ask for pages from 1 to 3 (--pages).',
    ],
    [
      'jsonSchema is not a valid JSON Schema (/properties/a/type: must be equal to one of the allowed values); fix it so it passes the draft 2020-12 meta-schema.',
      'The --schema is not a valid JSON Schema (/properties/a/type: must be equal to one of the allowed values); fix it so it passes the draft 2020-12 meta-schema.',
    ],
    [
      'docpipe has no price for openai-compatible/my-model, so its cost counts as $0; pass LLMExtractionConfig.pricing.',
      'docpipe has no price for openai-compatible/my-model, so its cost counts as $0.',
    ],
  ])('%s', (library, cli) => {
    expect(inCliWords(library)).toBe(cli);
  });

  it('leaves a message without library terms as it is', () => {
    const message = 'scan.png cannot be decoded (truncated); re-export it as PNG or JPEG.';
    expect(inCliWords(message)).toBe(message);
  });

  it('names a flag, or nothing, for every library term of every library message the CLI can print', () => {
    const messages = libraryMessages();
    expect(messages.length).toBeGreaterThan(40);
    const untranslated = messages.flatMap(({ file, text }) => {
      const rewritten = inCliWords(text);
      const left = [...rewritten.matchAll(LIBRARY_TERM)].map(([term]) => term);
      // A message about an option the CLI never sets cannot reach a CLI user (a wrong credential object, S3 staging).
      if (left.some((term) => LIBRARY_ONLY_OPTIONS.has(term))) return [];
      return left.length === 0 ? [] : [`${file}: ${rewritten} (left: ${left.join(', ')})`];
    });
    expect(untranslated).toEqual([]);
  });
});
