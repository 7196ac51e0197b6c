/**
 * Text clean-up shared by the parsers.
 *
 * @module
 */

// Whitespace other than a space, two spaces in a row, or a space at either end: text without any of these
// is already collapsed. Testing first saves the replace, which copies the string even when nothing changes.
const NEEDS_COLLAPSING = /[^\S ]| {2}|^ | $/;

/** Collapses runs of whitespace (newlines and tabs included) into one space and trims, so text fits one output line. */
export function collapseWhitespace(text: string): string {
  return NEEDS_COLLAPSING.test(text) ? text.replace(/\s+/g, ' ').trim() : text;
}
