import { afterAll, beforeAll } from 'vitest';
import { loadDocument } from '../../../src/document/load.js';
import { runOcrProviderConformance } from '../../../src/testing/index.js';
import { replay, startTextractServer, type TextractServer } from '../../support/textract-server.js';
import { pageResponse, textractAt } from './textract-fixtures.js';

const FIXTURES = new URL('../../fixtures/', import.meta.url);
const MULTIPAGE = 'textractor-multipage-doc.pdf.GetDocumentTextDetection.json';

let images: TextractServer;
let pdfs: TextractServer;
beforeAll(async () => {
  images = await startTextractServer();
  images.answer('AnalyzeDocument', replay('single-page-1.png.AnalyzeDocument.FORMS_TABLES.json'));
  pdfs = await startTextractServer();
  // The suite reads all pages, then the last page alone: answers by call order, the last one repeating.
  pdfs.answer(
    'DetectDocumentText',
    { json: pageResponse(MULTIPAGE, 1) },
    { json: pageResponse(MULTIPAGE, 2) },
  );
});
afterAll(async () => {
  await images.close();
  await pdfs.close();
});

runOcrProviderConformance(
  'textract on an image',
  () => textractAt(images.endpoint, { features: ['TABLES', 'FORMS'] }),
  [
    {
      name: 'a one-page PNG',
      document: () => loadDocument(new URL('documents/single-page-1.png', FIXTURES)),
      pages: 1,
      contains: ['Textractor Test', 'Name of package: Textractor'],
    },
  ],
);

// One lane, so the pages reach the server in order.
runOcrProviderConformance('textract on a PDF', () => textractAt(pdfs.endpoint, { concurrency: 1 }), [
  {
    name: 'a 2-page PDF sent page by page',
    document: () => loadDocument(new URL('documents/textractor-multipage-doc.pdf', FIXTURES)),
    pages: 2,
    contains: ['Page (1)', 'Page (2)'],
  },
]);
