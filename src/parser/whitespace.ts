/**
 * Text clean-up shared by the parsers.
 *
 * @module
 */

/** Collapses runs of whitespace (newlines and tabs included) into one space and trims, so text fits one output line. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
