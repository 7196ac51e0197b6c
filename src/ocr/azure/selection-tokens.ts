/**
 * Removing the tokens Azure writes for checkboxes into recognised text.
 *
 * @module
 */

// Text output writes marks as `:selected:`/`:unselected:`, markdown output as ☒/☐. Parsers render
// `OcrPage.selectionMarks` themselves, so leaving the tokens in would print every mark twice.
const SELECTION_TOKEN = /\s*(?::(?:un)?selected:|[☒☐])\s*/g;

/**
 * `text` without selection-mark tokens, the gaps they leave closed to single spaces; `''` for content a
 * malformed result leaves out or gives as something other than text.
 */
export function stripSelectionTokens(text: string | undefined): string {
  return typeof text === 'string' ? text.replace(SELECTION_TOKEN, ' ').trim() : '';
}
