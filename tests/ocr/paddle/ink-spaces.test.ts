import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { DecodedLine } from '../../../src/ocr/paddle/ctc-decode.js';
import type { Grayscale } from '../../../src/ocr/paddle/gray-image.js';
import { withInkSpaces } from '../../../src/ocr/paddle/ink-spaces.js';
import { cropLine } from '../../../src/ocr/paddle/line-crops.js';
import { fixture } from './paddle-images.js';

// wide-table-invoice.png (200 dpi) scaled to 150 dpi, the print size at which the recognizer drops spaces.
async function invoiceAt150Dpi(): Promise<Grayscale> {
  const { data, info } = await sharp(await fixture('generated/wide-table-invoice.png'))
    .resize({ width: 1275 })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { pixels: new Uint8Array(data), width: info.width, height: info.height };
}

/**
 * A line as the recognizer read it on the crop of `box`, without its spaces: the characters and the timesteps
 * it emitted them at (recorded from PP-OCRv4 on these crops; 8 crop columns a timestep).
 */
function readWithoutSpaces(emitted: readonly [string, number][]): DecodedLine {
  const characters = emitted
    .filter(([character]) => character !== ' ')
    .map(([character, timestep]) => ({ character, timestep, probability: 0.9 }));
  return { text: characters.map((c) => c.character).join(''), confidence: 0.9, characters };
}

async function spaced(
  box: { left: number; top: number; width: number; height: number },
  emitted: readonly [string, number][],
): Promise<string> {
  const crop = await cropLine(await invoiceAt150Dpi(), { ...box, score: 1 });
  if (crop === undefined) throw new Error('no crop');
  const timesteps = Math.round(crop.image.width / 8);
  return withInkSpaces(readWithoutSpaces(emitted), crop.image, crop.image.width / timesteps).text;
}

const NOTEBOOK = { left: 248.2, top: 445.4, width: 176.9, height: 24.9 };
const NOTEBOOK_READ: readonly [string, number][] = [
  ['N', 2],
  ['o', 5],
  ['t', 7],
  ['e', 9],
  ['b', 11],
  ['o', 14],
  ['o', 17],
  ['k', 19],
  [' ', 21],
  ['A', 24],
  ['5', 26],
  [' ', 28],
  ['r', 30],
  ['u', 32],
  ['l', 34],
  ['e', 36],
  ['d', 38],
];

describe('spaces from the ink gaps of a line crop', () => {
  it('puts back the spaces between words, and between a word and a number', async () => {
    const notebook = await spaced(NOTEBOOK, NOTEBOOK_READ);
    expect(notebook).toBe('Notebook A5 ruled');
    const coffee = await spaced({ left: 247.9, top: 668.9, width: 169.2, height: 29.6 }, [
      ['C', 2],
      ['o', 4],
      ['f', 5],
      ['f', 8],
      ['e', 9],
      ['e', 11],
      [' ', 12],
      ['b', 14],
      ['e', 16],
      ['a', 19],
      ['n', 21],
      ['s', 23],
      [' ', 24],
      ['1', 26],
      ['k', 28],
      ['g', 30],
    ]);
    expect(coffee).toBe('Coffee beans 1kg');
  });

  it('does not space Han characters, which Chinese runs together', async () => {
    const han = NOTEBOOK_READ.map(([character, timestep]): [string, number] => [
      character === ' ' ? ' ' : '中',
      timestep,
    ]);
    expect(await spaced(NOTEBOOK, han)).toBe('中'.repeat(15));
  });

  it('leaves numbers whole, though "1" and punctuation leave wide gaps', async () => {
    const amount = await spaced({ left: 1012.8, top: 371.6, width: 98.5, height: 24.1 }, [
      ['$', 2],
      ['1', 4],
      [',', 7],
      ['2', 9],
      ['7', 11],
      ['1', 14],
      ['.', 16],
      ['5', 18],
      ['0', 21],
    ]);
    expect(amount).toBe('$1,271.50');
    const quantity = await spaced({ left: 717.3, top: 408.5, width: 30.5, height: 26.6 }, [
      ['1', 1],
      ['1', 4],
    ]);
    expect(quantity).toBe('11');
  });

  it('keeps the spaces the recognizer read, and the line as read when no gap is a word gap', () => {
    const blank: Grayscale = { pixels: new Uint8Array(48 * 40).fill(255), width: 40, height: 48 };
    const line: DecodedLine = {
      text: 'a b',
      confidence: 0.8,
      characters: [
        { character: 'a', timestep: 0, probability: 0.8 },
        { character: ' ', timestep: 2, probability: 0.8 },
        { character: 'b', timestep: 4, probability: 0.8 },
      ],
    };
    expect(withInkSpaces(line, blank, 8)).toBe(line);
  });
});
