import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linearPipeline, Stage } from '../../../src/index.js';
import { replay, startTextractServer, type TextractServer } from '../../support/textract-server.js';
import { textractAt } from './textract-fixtures.js';

let server: TextractServer;
beforeAll(async () => {
  server = await startTextractServer();
  server.answer(
    'AnalyzeDocument',
    replay('sample-invoice.pdf.AnalyzeDocument.LAYOUT_TABLES_FORMS_SIGNATURES.json'),
  );
});
afterAll(() => server.close());

describe('a parse-only pipeline on textract', () => {
  it('turns an invoice PDF into layout-conserved text', async () => {
    const provider = textractAt(server.endpoint, { features: ['LAYOUT', 'TABLES', 'FORMS', 'SIGNATURES'] });
    const pipeline = linearPipeline({ stages: [Stage.OCR, Stage.PARSER], ocr: { provider } });

    const result = await pipeline.run(new URL('../../fixtures/textract/sample-invoice.pdf', import.meta.url));

    expect(JSON.stringify(result.stages)).toContain('INV-3337');
    expect(result.usage.pages).toBe(1);
  });
});
