/**
 * Telling upright lines from upside-down ones with PaddleOCR's text angle classifier (labels 0° and 180°).
 *
 * @module
 */
import { type Grayscale, resampleGray } from './gray-image.js';
import { LINE_NORMALIZATION, writePlanes } from './image-tensor.js';
import { LINE_HEIGHT } from './line-crops.js';
import type { ModelRunner } from './model-runner.js';

/** The classifier's verdict on one line. */
export interface LineAngle {
  /** The line reads upside down. */
  readonly upsideDown: boolean;
  /** The probability of the verdict, 0.5..1. */
  readonly score: number;
}

// The classifier's input width: longer lines are squeezed into it, as PaddleOCR does.
const CLASSIFIER_WIDTH = 192;
const BATCH = 16;

/** The angle of each line, in order. */
export async function classifyAngles(
  lines: readonly Grayscale[],
  classifier: ModelRunner,
): Promise<LineAngle[]> {
  const angles: LineAngle[] = [];
  for (let start = 0; start < lines.length; start += BATCH) {
    const batch = lines.slice(start, start + BATCH);
    const input = new Float32Array(batch.length * 3 * LINE_HEIGHT * CLASSIFIER_WIDTH);
    for (const [index, line] of batch.entries()) {
      const squeezed =
        line.width <= CLASSIFIER_WIDTH
          ? line
          : await resampleGray(line, { width: CLASSIFIER_WIDTH, height: LINE_HEIGHT });
      writePlanes(input, index, squeezed, CLASSIFIER_WIDTH, LINE_NORMALIZATION);
    }
    const { data } = await classifier.run({
      data: input,
      dims: [batch.length, 3, LINE_HEIGHT, CLASSIFIER_WIDTH],
    });
    for (let index = 0; index < batch.length; index++) {
      const upright = data[index * 2] as number;
      const turned = data[index * 2 + 1] as number;
      angles.push({ upsideDown: turned > upright, score: Math.max(upright, turned) });
    }
  }
  return angles;
}
