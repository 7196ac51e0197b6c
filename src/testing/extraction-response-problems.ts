/**
 * What is wrong with an extraction model's response, as the extraction stage would trip on it: the checks of
 * the extraction model conformance suite, as lists of problems so a failure names them all.
 *
 * @module
 */
import { parseAnswer } from '../llm/answer.js';
import { compileJsonSchema } from '../schema/compile-json-schema.js';
import { formatIssue, issuesFromAjv } from '../schema/issues.js';
import { fromJsonPointer } from '../schema/json-pointer.js';
import type { ExtractionResponse, FinishReason } from '../spec/extraction-model.js';
import type { JSONSchema } from '../spec/json-schema.js';
import type { Usage } from '../spec/usage.js';

const FINISH_REASONS: ReadonlySet<FinishReason> = new Set(['stop', 'length', 'refusal', 'error']);

// Every field of Usage, and whether it counts something (a whole number) or is money.
const USAGE_FIELDS: Readonly<Record<keyof Usage, 'count' | 'amount'>> = {
  pages: 'count',
  inputTokens: 'count',
  outputTokens: 'count',
  cacheReadTokens: 'count',
  cacheWriteTokens: 'count',
  costUsd: 'amount',
  calls: 'count',
};

const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Problems with the parts of a response every answer has, whatever it says: `finishReason`, `usage`,
 * `warnings`, `json` and `text`, `confidence` (JSON Pointers into the answer, values 0..1) and `raw`.
 */
export function responseProblems(response: ExtractionResponse): string[] {
  if (!isRecord(response)) return [`the response is ${shown(response)}, not an object`];
  const problems: string[] = [];
  if (!FINISH_REASONS.has(response.finishReason))
    problems.push(
      `finishReason is ${shown(response.finishReason)}, not one of ${[...FINISH_REASONS].join(', ')}`,
    );
  problems.push(...usageProblems(response.usage), ...warningProblems(response.warnings));
  if (response.json !== undefined) problems.push(...jsonValueProblems(response.json, 'json'));
  if (response.text !== undefined && typeof response.text !== 'string')
    problems.push(`text is ${shown(response.text)}, not a string`);
  problems.push(...confidenceProblems(response));
  if (response.raw !== undefined) {
    try {
      JSON.stringify(response.raw);
    } catch (error) {
      problems.push(`raw cannot be kept as a JSON artifact (${(error as Error).message})`);
    }
  }
  return problems;
}

/**
 * Problems with a finished answer: it is there (`json`, or `text` the stage can parse), it is a JSON object,
 * and it has the schema's shape: no property the schema does not allow, and each value of the type the schema
 * gives it. Missing values are not a problem here; which values a model finds is a matter of quality.
 */
export function answerProblems(response: ExtractionResponse, schema: JSONSchema): string[] {
  const answer = answerOf(response);
  if (!answer.ok) return [answer.problem];
  if (!isRecord(answer.value) || Array.isArray(answer.value))
    return [`the answer is ${shown(answer.value)}, not a JSON object`];
  const validate = compileJsonSchema(withoutRequired(schema) as JSONSchema);
  if (validate(answer.value)) return [];
  return issuesFromAjv(validate.errors ?? []).map(
    (issue) => `the answer does not have the schema's shape: ${formatIssue(issue)}`,
  );
}

/** The answer as the extraction stage reads it: `json`, else `text` parsed (a Markdown fence tolerated). */
function answerOf(
  response: ExtractionResponse,
): { ok: true; value: unknown } | { ok: false; problem: string } {
  if (response.json !== undefined) return { ok: true, value: response.json };
  if (typeof response.text !== 'string')
    return { ok: false, problem: 'the response has neither json nor text' };
  const parsed = parseAnswer(response.text);
  return parsed.ok ? parsed : { ok: false, problem: `text is given instead of json, but ${parsed.problem}` };
}

function usageProblems(usage: unknown): string[] {
  if (!isRecord(usage) || Array.isArray(usage)) return [`usage is ${shown(usage)}, not an object`];
  const problems: string[] = [];
  for (const [field, value] of Object.entries(usage)) {
    const kind = USAGE_FIELDS[field as keyof Usage];
    if (kind === undefined) {
      problems.push(`usage.${field} is not a field of Usage (the stage would drop it)`);
    } else if (value === undefined) {
      // Partial<Usage>: an absent field and an undefined one mean the same.
    } else if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      problems.push(`usage.${field} is ${shown(value)}, not a non-negative finite number`);
    } else if (kind === 'count' && !Number.isInteger(value)) {
      problems.push(`usage.${field} is ${value}, not a whole number`);
    }
  }
  return problems;
}

function warningProblems(warnings: unknown): string[] {
  if (!Array.isArray(warnings)) return [`warnings is ${shown(warnings)}, not an array`];
  return warnings.flatMap((warning, index): string[] => {
    const at = `warnings[${index}]`;
    if (!isRecord(warning)) return [`${at} is ${shown(warning)}, not an object`];
    const problems: string[] = [];
    if (typeof warning.code !== 'string' || !KEBAB_CASE.test(warning.code))
      problems.push(`${at}.code is ${shown(warning.code)}, not a kebab-case code`);
    if (typeof warning.message !== 'string' || warning.message.trim() === '')
      problems.push(`${at}.message is ${shown(warning.message)}, not a sentence`);
    return problems;
  });
}

function confidenceProblems(response: ExtractionResponse): string[] {
  const { confidence } = response;
  if (confidence === undefined) return [];
  if (!isRecord(confidence) || Array.isArray(confidence))
    return [`confidence is ${shown(confidence)}, not an object`];
  const answer = answerOf(response);
  const problems: string[] = [];
  for (const [pointer, value] of Object.entries(confidence)) {
    if (typeof value !== 'number' || !(value >= 0 && value <= 1))
      problems.push(`confidence["${pointer}"] is ${shown(value)}, not a number in 0..1`);
    if (pointer !== '' && !pointer.startsWith('/')) {
      problems.push(`confidence key "${pointer}" is not a JSON Pointer (it starts with "/")`);
    } else if (answer.ok && !resolves(answer.value, pointer)) {
      problems.push(`confidence key "${pointer}" points at no value of the answer`);
    }
  }
  return problems;
}

/** Whether `pointer` (RFC 6901) names a value inside `value`. */
function resolves(value: unknown, pointer: string): boolean {
  let at: unknown = value;
  for (const key of fromJsonPointer(pointer)) {
    if (Array.isArray(at)) {
      if (!/^(?:0|[1-9]\d*)$/.test(key) || Number(key) >= at.length) return false;
      at = at[Number(key)];
    } else if (isRecord(at) && Object.hasOwn(at, key)) {
      at = at[key];
    } else {
      return false;
    }
  }
  return true;
}

/** Problems making `value` something other than plain JSON (what a tool call's input or `JSON.parse` gives). */
function jsonValueProblems(value: unknown, path: string): string[] {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return [];
  if (typeof value === 'number')
    return Number.isFinite(value) ? [] : [`${path} is ${value}, which JSON cannot hold`];
  if (Array.isArray(value))
    return value.flatMap((item, index) => jsonValueProblems(item, `${path}[${index}]`));
  if (isRecord(value)) {
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null)
      return [`${path} is a ${prototype?.constructor?.name ?? 'class instance'}, not a plain object`];
    return Object.entries(value).flatMap(([key, item]) => jsonValueProblems(item, `${path}.${key}`));
  }
  return [`${path} is ${shown(value)}, which JSON cannot hold`];
}

/** The schema with every `required` list removed, so a value left out is no problem but a wrong one is. */
function withoutRequired(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutRequired);
  if (!isRecord(schema)) return schema;
  const copy: Record<string, unknown> = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (keyword === 'required' && Array.isArray(value)) continue;
    // Values (not subschemas) stay as they are, whatever keys they hold.
    copy[keyword] = DATA_KEYWORDS.has(keyword) ? value : withoutRequired(value);
  }
  return copy;
}

const DATA_KEYWORDS = new Set(['const', 'enum', 'default', 'examples']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A value as a problem names it: `missing`, `null`, `an array`, `a function`, or its JSON. */
function shown(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'bigint' ? `${value}n` : `a ${typeof value}`;
}
