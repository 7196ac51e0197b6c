/**
 * List markers (`•`, `-`, `1.`, `a)`, ...) and checkboxes at the start of a line of text.
 *
 * @module
 */

// A dash or an asterisk is a bullet only when a space follows: "-5.00" is a number.
const BULLET = /^(?:[•◦▪●‣∙]\s*|[-*–]\s+)(?=\S)/u;
const NUMBERED = /^(\d{1,3})[.)]\s+(?=\S)/;
const LETTERED = /^([a-z])\)\s+(?=\S)/;
// Not a lone dash or asterisk: in a table those stand for an empty cell.
const MARKER_ONLY = /^(?:[•◦▪●‣∙☐☒]|\d{1,3}[.)]|[a-z]\))$/u;

/** Whether `text` is nothing but a bullet, a list number or a checkbox, which belongs with the text on its right. */
export function isMarkerOnly(text: string): boolean {
  return MARKER_ONLY.test(text);
}

/**
 * `text` as a markdown list item (`- item`, `3. item`; `b)` counts as `2.`), or `undefined` when it does not
 * start with a list marker.
 */
export function markdownListItem(text: string): string | undefined {
  const bullet = BULLET.exec(text);
  if (bullet) return `- ${text.slice(bullet[0].length)}`;
  const numbered = NUMBERED.exec(text) ?? LETTERED.exec(text);
  if (!numbered) return undefined;
  const marker = numbered[1] as string;
  const number = /\d/.test(marker) ? Number(marker) : marker.charCodeAt(0) - 'a'.charCodeAt(0) + 1;
  return `${number}. ${text.slice(numbered[0].length)}`;
}
