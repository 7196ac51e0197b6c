/** Images the paddle tests make from the fixtures with sharp: turned, or shrunk until their print is tiny. */
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { loadDocument } from '../../../src/index.js';
import type { LoadedDocument } from '../../../src/spec/document.js';

const FIXTURES = new URL('../../fixtures/', import.meta.url);

/** A fixture's bytes, by its path under tests/fixtures/. */
export function fixture(path: string): Promise<Buffer> {
  return readFile(new URL(path, FIXTURES));
}

/** The fixture turned clockwise by `degrees` (a multiple of 90), as PNG, loaded. */
export async function turnedFixture(path: string, degrees: number): Promise<LoadedDocument> {
  const png = await sharp(await fixture(path))
    .rotate(degrees)
    .png()
    .toBuffer();
  return loadDocument({ data: png, name: `${path} turned ${degrees}°` });
}

/** The fixture scaled by `scale`, as PNG, loaded. */
export async function scaledFixture(path: string, scale: number): Promise<LoadedDocument> {
  const source = sharp(await fixture(path));
  const { width = 0 } = await source.metadata();
  const png = await source
    .resize({ width: Math.round(width * scale) })
    .png()
    .toBuffer();
  return loadDocument({ data: png, name: `${path} at ${scale}×` });
}
