/**
 * Reading a model's text answer as JSON.
 *
 * @module
 */

/** A text answer read as JSON, or why it could not be. */
export type ParsedAnswer =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly problem: string };

// Models asked for JSON sometimes still wrap it in a Markdown code fence.
const FENCED = /^```(?:json)?\s*\n([\s\S]*?)\n?```$/i;

/**
 * The JSON value of a text answer, a Markdown code fence around it tolerated.
 *
 * @example
 * ```ts
 * parseAnswer('```json\n{"total": 3}\n```'); // { ok: true, value: { total: 3 } }
 * ```
 */
export function parseAnswer(text: string): ParsedAnswer {
  const trimmed = text.trim();
  const body = FENCED.exec(trimmed)?.[1] ?? trimmed;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: `it is not valid JSON (${reason})` };
  }
}
