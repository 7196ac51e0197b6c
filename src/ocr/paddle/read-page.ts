/**
 * Reading one page image with the PP-OCR models: detect lines, classify their angle, turn the page upright when
 * its text runs sideways or upside down, recognise the lines and place their words.
 *
 * @module
 */
import { classifyAngles, type LineAngle } from './angle-classification.js';
import type { DetectionSizeLimits } from './detection-size.js';
import { type Grayscale, type PixelRegion, turnGray, upsideDown } from './gray-image.js';
import { cropLine, type LineCrop } from './line-crops.js';
import { type PlacedWord, placeWords } from './line-words.js';
import type { ModelRunner } from './model-runner.js';
import { pageQuarterTurns } from './page-orientation.js';
import { detectText } from './text-detection.js';
import { recognizeLines } from './text-recognition.js';

/** The models of one engine, loaded once and used for every page. */
export interface PaddleModels {
  readonly detector: ModelRunner;
  readonly classifier: ModelRunner;
  readonly recognizer: ModelRunner;
  /** The recognizer's classes: the blank, the dictionary's characters, the space. */
  readonly alphabet: readonly string[];
}

/** A line read on the upright page, in its pixels. */
export interface PaddleLine {
  readonly text: string;
  readonly confidence: number;
  readonly box: PixelRegion;
  readonly words: readonly PlacedWord[];
}

/** What the engine read on a page: its lines on the page turned upright, and the turn. */
export interface PaddleReading {
  /** Clockwise quarter turns applied to the image to make it upright. */
  readonly quarterTurns: number;
  /** The upright image's size in pixels. */
  readonly width: number;
  readonly height: number;
  readonly lines: readonly PaddleLine[];
}

/** Options of {@link readPage}. */
export interface ReadPageOptions {
  readonly detection: DetectionSizeLimits;
}

// PaddleOCR's drop_score: lines read less confidently than this are mostly noise (stamps, texture, graphics).
const MIN_LINE_CONFIDENCE = 0.5;
// PaddleOCR's cls_thresh: a line is turned only when the classifier is this sure it is upside down.
const UPSIDE_DOWN_CERTAINTY = 0.9;

interface FoundLine {
  readonly box: PixelRegion;
  readonly crop: LineCrop;
  readonly angle: LineAngle;
}

/** The text of `image`, read upright. */
export async function readPage(
  image: Grayscale,
  models: PaddleModels,
  options: ReadPageOptions,
): Promise<PaddleReading> {
  let page = image;
  let found = await findLines(page, models, options);
  const quarterTurns = pageQuarterTurns(
    found.map((line) => ({ vertical: line.crop.vertical, angle: line.angle, length: line.crop.image.width })),
  );
  if (quarterTurns !== 0) {
    page = await turnGray(image, quarterTurns);
    found = await findLines(page, models, options);
  }
  const turned = found.map(({ angle }) => angle.upsideDown && angle.score >= UPSIDE_DOWN_CERTAINTY);
  const recognized = await recognizeLines(
    found.map(({ crop }, index) => (turned[index] ? upsideDown(crop.image) : crop.image)),
    models.recognizer,
    models.alphabet,
  );
  const lines: PaddleLine[] = [];
  for (const [index, { box, crop }] of found.entries()) {
    const line = recognized[index];
    if (line === undefined) continue;
    const text = line.decoded.text.trim();
    if (text === '' || line.decoded.confidence < MIN_LINE_CONFIDENCE) continue;
    const words = placeWords(line, { box, vertical: crop.vertical, upsideDown: turned[index] === true });
    lines.push({ text, confidence: line.decoded.confidence, box, words });
  }
  return { quarterTurns, width: page.width, height: page.height, lines };
}

async function findLines(
  page: Grayscale,
  models: PaddleModels,
  options: ReadPageOptions,
): Promise<FoundLine[]> {
  const boxes = await detectText(page, models.detector, options.detection);
  const cropped: { box: PixelRegion; crop: LineCrop }[] = [];
  for (const box of boxes) {
    const crop = await cropLine(page, box);
    if (crop !== undefined) cropped.push({ box, crop });
  }
  const angles = await classifyAngles(
    cropped.map(({ crop }) => crop.image),
    models.classifier,
  );
  return cropped.map((line, index) => ({ ...line, angle: angles[index] as LineAngle }));
}
