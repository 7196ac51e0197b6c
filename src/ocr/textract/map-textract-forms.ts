/**
 * Textract's form output as provider-neutral key-values and selection marks: KEY_VALUE_SET pairs, QUERY
 * answers, and SELECTION_ELEMENT checkboxes.
 *
 * @module
 */
import type { Block } from '@aws-sdk/client-textract';
import type { OcrKeyValue, OcrSelectionMark } from '../../spec/document.js';
import {
  type BlockIndex,
  childText,
  hasEntityType,
  isSelected,
  joinTexts,
  relatedBlocks,
  textOf,
} from './textract-blocks.js';
import { textractBox, textractConfidence } from './textract-geometry.js';

/** The key-value pair a KEY block starts, or `undefined` for VALUE blocks (reached through their key). */
export function mapTextractKeyValue(index: BlockIndex, block: Block): OcrKeyValue | undefined {
  if (!hasEntityType(block, 'KEY')) return undefined;
  const values = relatedBlocks(index, block, 'VALUE');
  const [firstValue] = values;
  let confidence = textractConfidence(block.Confidence);
  for (const valueBlock of values) {
    confidence = Math.min(confidence, textractConfidence(valueBlock.Confidence));
  }
  const key = childText(index, block);
  const value = joinTexts(values, (valueBlock) => childText(index, valueBlock), ' ');
  const keyBox = textractBox(block.Geometry);
  // Two literals rather than a spread: a property after a spread takes V8's slow path.
  return firstValue === undefined
    ? { key, value, keyBox, confidence }
    : { key, value, keyBox, valueBox: textractBox(firstValue.Geometry), confidence };
}

/**
 * A QUERY block as a key-value whose key is the question and whose value is its most confident answer (`''`
 * when Textract found none), so answers reach the parser and the LLM like any form field.
 */
export function mapTextractQuery(index: BlockIndex, query: Block): OcrKeyValue {
  const answers = relatedBlocks(index, query, 'ANSWER').sort(
    (a, b) => textractConfidence(b.Confidence) - textractConfidence(a.Confidence),
  );
  const [best] = answers;
  const key = textOf(query.Query?.Text);
  if (best === undefined) return { key, value: '' };
  return {
    key,
    value: textOf(best.Text),
    valueBox: textractBox(best.Geometry),
    confidence: textractConfidence(best.Confidence),
  };
}

/** A SELECTION_ELEMENT block as a checkbox. */
export function mapTextractSelectionMark(block: Block): OcrSelectionMark {
  return {
    selected: isSelected(block),
    box: textractBox(block.Geometry),
    confidence: textractConfidence(block.Confidence),
  };
}
