import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linearPipeline, Stage } from '../../../src/index.js';
import { createAzureOcr } from '../../../src/ocr/azure/index.js';
import { type AzureServer, startAzureServer } from '../../support/azure-server.js';
import { azureSettings, RECORDINGS, recording } from './azure-fixtures.js';

let server: AzureServer;

beforeAll(async () => {
  server = await startAzureServer();
});
afterAll(() => server.close());

describe('a parse-only pipeline with the azure provider', () => {
  it('turns the form photo into the service markdown and counts its page and cost', async () => {
    const operation = await recording(RECORDINGS.markdown);
    server.script({ result: operation });
    const pipeline = linearPipeline({
      stages: [Stage.OCR, Stage.PARSER],
      ocr: { provider: createAzureOcr(azureSettings(server.endpoint)) },
      parser: { method: 'markdown' },
    });
    try {
      const result = await pipeline.run(
        new URL('../../fixtures/azure-di/bcgov-hr0081/1_81.jpg', import.meta.url),
      );

      expect(result.stages.ocr?.provider).toBe('azure.document-intelligence');
      // Azure's own markdown, its HTML tables written as pipe tables.
      expect(result.stages.parser?.text).toContain('# 1. Since your last declaration:');
      expect(result.stages.parser?.text).toContain('| Employment Insurance | $ 700.00 | $ |');
      expect(result.usage).toMatchObject({ pages: 1, costUsd: 0.01 });
    } finally {
      await pipeline.close();
    }
  });
});
