/**
 * Merging the answers for the chunks of one document into one answer. The answers are each valid
 * for the schema, so their shapes follow it: objects merge property by property, arrays are
 * concatenated with repeated rows removed (a table row on a page boundary is often read twice),
 * and a scalar takes the first non-null value; a later, different value is a conflict, reported.
 *
 * @module
 */

import { toJsonPointer } from '../schema/json-pointer.js';
import type { Warning } from '../spec/document.js';
import { canonicalJson } from '../util/canonical-json.js';

/** The merged answer and the conflicts met on the way. */
export interface MergedAnswer {
  readonly value: unknown;
  readonly warnings: readonly Omit<Warning, 'stageId'>[];
}

/**
 * The chunks' answers, in document order, merged into one.
 *
 * @example
 * ```ts
 * mergeAnswers([{ id: 'A1', items: [{ n: 1 }] }, { id: null, items: [{ n: 2 }] }]).value;
 * // { id: 'A1', items: [{ n: 1 }, { n: 2 }] }
 * ```
 */
export function mergeAnswers(answers: readonly unknown[]): MergedAnswer {
  const warnings: Omit<Warning, 'stageId'>[] = [];
  const merge = (a: unknown, b: unknown, path: string): unknown => {
    if (a === null || a === undefined) return b;
    if (b === null || b === undefined) return a;
    if (Array.isArray(a) && Array.isArray(b)) return appendNewRows(a, b);
    if (isRecord(a) && isRecord(b)) {
      const merged: Record<string, unknown> = { ...a };
      for (const [key, value] of Object.entries(b))
        merged[key] = merge(a[key], value, `${path}${toJsonPointer([key])}`);
      return merged;
    }
    if (canonicalJson(a) !== canonicalJson(b)) {
      warnings.push({
        code: 'merge-conflict',
        message: `The document's parts disagree on ${path || 'the answer'}: kept ${JSON.stringify(a)} from the earlier part, not ${JSON.stringify(b)}.`,
      });
    }
    return a;
  };
  const value = answers.reduce((merged, answer) => merge(merged, answer, ''), null);
  return { value, warnings };
}

// Only rows already in the earlier parts are dropped: two equal rows within one part are two rows.
function appendNewRows(earlier: readonly unknown[], later: readonly unknown[]): unknown[] {
  const seen = new Set(earlier.map(canonicalJson));
  return [...earlier, ...later.filter((row) => !seen.has(canonicalJson(row)))];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
