/**
 * Key-value pairs (form fields) as markdown list items, placed where their key stands on the page.
 *
 * @module
 */
import type { BoundingBox, OcrKeyValue } from '../spec/document.js';
import { ownsTexts, type Placement } from './page-flow.js';
import { collapseWhitespace } from './whitespace.js';

/** A key-value pair as a {@link Placement} taking the lines of its key and value. */
export function keyValuePlacement(keyValue: OcrKeyValue): Placement<OcrKeyValue> {
  const { key, value, keyBox, valueBox } = keyValue;
  return {
    value: keyValue,
    boxes: [keyBox, valueBox].filter((box): box is BoundingBox => box !== undefined),
    owns: ownsTexts(() => [key, value, `${key} ${value}`]),
  };
}

/** `- **Key**: value`, the key without its trailing colon. */
export function keyValueListItem(keyValue: OcrKeyValue): string {
  const key = collapseWhitespace(keyValue.key).replace(/\s*:$/, '');
  const value = collapseWhitespace(keyValue.value);
  return key === '' ? `- ${value}` : `- **${key}**:${value === '' ? '' : ` ${value}`}`;
}
