/**
 * The exact prompt of an item's extractions, as the `prompt.md` a run keeps for review.
 *
 * @module
 */
import type { Extraction } from '../llm/extraction.js';
import type { PipelineResult } from '../pipeline/result.js';

/**
 * Every extraction stage's system prompt and user turns, in Markdown; `undefined` when the
 * pipeline has no extraction stage.
 *
 * @example
 * ```ts
 * const markdown = promptMarkdown(await pipeline.run('invoice.pdf'));
 * ```
 */
export function promptMarkdown(result: PipelineResult<unknown>): string | undefined {
  const sections = Object.entries(result.stages).flatMap(([stageId, output]) =>
    isExtraction(output) ? [extractionPrompt(stageId, output)] : [],
  );
  return sections.length ? `${sections.join('\n\n')}\n` : undefined;
}

function extractionPrompt(stageId: string, extraction: Extraction<unknown>): string {
  const { system, user } = extraction.prompt;
  const turns = user.map(
    (turn, i) =>
      `### User${user.length > 1 ? ` (request ${i + 1} of ${user.length})` : ''}\n\n${fenced(turn)}`,
  );
  return [`## ${stageId} (${extraction.model})`, `### System\n\n${fenced(system)}`, ...turns].join('\n\n');
}

/** Text in a code fence longer than any run of backticks inside it, so it shows verbatim. */
function fenced(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}

function isExtraction(output: unknown): output is Extraction<unknown> {
  const prompt = (output as Extraction<unknown> | null)?.prompt;
  return typeof prompt?.system === 'string' && Array.isArray(prompt.user);
}
