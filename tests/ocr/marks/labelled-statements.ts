/**
 * The five labelled "Project Statement" PDFs of tests/fixtures, rendered as the tesseract provider renders PDF
 * pages, with the human labels of their three checkboxes.
 */
import { readFile } from 'node:fs/promises';
import { loadDocument } from '../../../src/document/load.js';
import type { Grayscale } from '../../../src/ocr/image-prep/index.js';
import { openPdf, renderPdfPage } from '../../../src/ocr/pdf/index.js';
import { canvasGrayscale } from '../../../src/ocr/tesseract/page-image.js';
import type { BoundingBox } from '../../../src/spec/document.js';

const FIXTURES = new URL('../../fixtures/', import.meta.url);
const STATEMENTS = 'azure-di/code-samples-v2/labeled-statements/';

/** The statements' file names. */
export const STATEMENT_NAMES = [
  'Invoice_1.pdf',
  'Invoice_2.pdf',
  'Invoice_3.pdf',
  'Invoice_4.pdf',
  'Invoice_5.pdf',
];

/** A labelled checkbox: its label, whether it is ticked, and its box as fractions of the page. */
export interface LabelledCheckbox {
  readonly label: string;
  readonly selected: boolean;
  readonly box: BoundingBox;
}

/** The path of a fixture under tests/fixtures/. */
export function fixturePath(path: string): string {
  return new URL(path, FIXTURES).pathname;
}

/** The path of a labelled statement. */
export function statementPath(name: string): string {
  return fixturePath(STATEMENTS + name);
}

/** The checkboxes the human labels of statement `name` mark `selected` or `unselected`. */
export async function labelledCheckboxes(name: string): Promise<LabelledCheckbox[]> {
  const { labels } = JSON.parse(await readFile(`${statementPath(name)}.labels.json`, 'utf8')) as {
    labels: { label: string; value: { text: string; boundingBoxes: number[][] }[] }[];
  };
  return labels.flatMap(({ label, value }) =>
    value
      .filter(({ text }) => text === 'selected' || text === 'unselected')
      .map(({ text, boundingBoxes }) => {
        const [x0, y0, x1, , , y2] = boundingBoxes[0] as number[];
        return {
          label,
          selected: text === 'selected',
          box: {
            left: x0 as number,
            top: y0 as number,
            width: (x1 as number) - (x0 as number),
            height: (y2 as number) - (y0 as number),
          },
        };
      }),
  );
}

/** Page 1 of the PDF at `path`, rendered at `dpi` in grayscale, as the tesseract provider renders it. */
export async function renderedPage(path: string, dpi = 300): Promise<Grayscale> {
  const pdf = await openPdf(await loadDocument(path), {});
  try {
    return canvasGrayscale((await renderPdfPage(await pdf.page(1), { dpi, maxPixels: 100_000_000 })).canvas);
  } finally {
    await pdf.close();
  }
}

/** Whether the centre of `box` lies inside `around`. */
export function centreInside(box: BoundingBox, around: BoundingBox): boolean {
  const x = box.left + box.width / 2;
  const y = box.top + box.height / 2;
  return (
    x >= around.left && x <= around.left + around.width && y >= around.top && y <= around.top + around.height
  );
}
