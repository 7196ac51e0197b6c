/**
 * Mapping what tesseract read into a provider-neutral {@link OcrPage}.
 *
 * @module
 */

import { lineId } from '../../document/ocr-invariants.js';
import type { BoundingBox, OcrLine, OcrPage, OcrWord } from '../../spec/document.js';
import { clampBox, ocrPage } from '../page-builder.js';
import { contentAngle, type OrientedReading } from './orientation.js';
import type { TesseractLine } from './tesseract-worker.js';

type PixelBox = TesseractLine['bbox'];

/**
 * The page of an upright reading: pixel size, lines with their words, boxes as fractions of the page, and as
 * its angle the quarter turns the reading undid plus `tilt`, the clockwise degrees its text lines slope.
 */
export function tesseractPage(upright: OrientedReading, pageNumber: number, tilt = 0): OcrPage {
  const { width, height } = upright;
  const toBox = (box: PixelBox): BoundingBox =>
    clampBox({
      left: box.x0 / width,
      top: box.y0 / height,
      width: (box.x1 - box.x0) / width,
      height: (box.y1 - box.y0) / height,
    });
  const lines: OcrLine[] = [];
  for (const line of upright.reading.lines) {
    const words: OcrWord[] = [];
    for (const word of line.words) {
      const text = word.text.trim();
      if (text !== '') words.push({ text, box: toBox(word.bbox), confidence: fraction(word.confidence) });
    }
    // Tesseract reports lines made only of noise with no words.
    if (words.length === 0) continue;
    lines.push({
      id: lineId(pageNumber, lines.length),
      text: words.map((word) => word.text).join(' '),
      box: toBox(line.bbox),
      confidence: fraction(line.confidence),
      words,
    });
  }
  return ocrPage({
    pageNumber,
    width,
    height,
    unit: 'pixel',
    // Rounded: the tilt is estimated to a fiftieth of a degree, and 1.51 reads better than 1.5099999999999.
    angle: Math.round(((contentAngle(upright.quarterTurns) + tilt + 360) % 360) * 100) / 100,
    lines,
  });
}

// Tesseract's confidences are percentages.
function fraction(confidence: number): number {
  return Math.min(1, Math.max(0, confidence / 100));
}
