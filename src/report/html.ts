/**
 * Building HTML where document text can only ever be text: the {@link html} tag escapes everything
 * interpolated into it unless it is markup the tag itself made, so a value such as
 * `<script>alert(1)</script>` read from a document shows literally instead of running.
 *
 * @module
 */

/** Markup made by {@link html} (or, for the report's own style sheet and script, {@link trustedHtml}). */
export class Html {
  constructor(readonly markup: string) {}

  toString(): string {
    return this.markup;
  }
}

/** What may be interpolated into {@link html}: text (escaped), numbers, markup, lists of them, or nothing. */
export type HtmlValue = string | number | Html | readonly HtmlValue[] | undefined | null | false;

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** `text` with the characters HTML gives meaning to replaced by entities; safe in text and in quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character] ?? character);
}

/**
 * A template tag: `html\`<td>${value}</td>\`` escapes `value` unless it is {@link Html}. Lists are joined,
 * and `undefined`, `null` and `false` render nothing, so `${condition && html\`…\`}` works.
 * Interpolate into attributes only inside quotes.
 */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): Html {
  let markup = strings[0] ?? '';
  values.forEach((value, index) => {
    markup += markupOf(value) + (strings[index + 1] ?? '');
  });
  return new Html(markup);
}

/** The report's own constant markup (its style sheet and script): never pass text from a document. */
export function trustedHtml(markup: string): Html {
  return new Html(markup);
}

function markupOf(value: HtmlValue): string {
  if (value === undefined || value === null || value === false) return '';
  if (value instanceof Html) return value.markup;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return escapeHtml(value);
  return value.map(markupOf).join('');
}
