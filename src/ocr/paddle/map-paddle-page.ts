/**
 * Mapping what the paddle engine read into a provider-neutral {@link OcrPage}.
 *
 * @module
 */

import { lineId } from '../../document/ocr-invariants.js';
import type { BoundingBox, OcrLine, OcrPage } from '../../spec/document.js';
import { clampBox, ocrPage } from '../page-builder.js';
import { contentAngle } from '../tesseract/orientation.js';
import type { PixelRegion } from './gray-image.js';
import type { PaddleReading } from './read-page.js';

/** The page of an upright reading: pixel size, lines with their words, boxes as fractions of the page. */
export function paddlePage(reading: PaddleReading, pageNumber: number): OcrPage {
  const { width, height } = reading;
  const toBox = (box: PixelRegion): BoundingBox =>
    clampBox({
      left: box.left / width,
      top: box.top / height,
      width: box.width / width,
      height: box.height / height,
    });
  const lines: OcrLine[] = reading.lines.map((line, index) => ({
    id: lineId(pageNumber, index),
    text: line.text,
    box: toBox(line.box),
    confidence: line.confidence,
    words: line.words.map((word) => ({ text: word.text, box: toBox(word.box), confidence: word.confidence })),
  }));
  return ocrPage({
    pageNumber,
    width,
    height,
    unit: 'pixel',
    angle: contentAngle(reading.quarterTurns),
    lines,
  });
}
