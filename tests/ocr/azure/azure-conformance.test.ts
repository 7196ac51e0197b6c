import { afterAll, beforeAll } from 'vitest';
import { createAzureOcr } from '../../../src/ocr/azure/index.js';
import { runOcrProviderConformance } from '../../../src/testing/index.js';
import { type AzureServer, startAzureServer } from '../../support/azure-server.js';
import { azureSettings, formPhoto, RECORDINGS, recording } from './azure-fixtures.js';

let server: AzureServer;

beforeAll(async () => {
  server = await startAzureServer();
  server.script({ result: await recording(RECORDINGS.markdown) });
});
afterAll(() => server.close());

runOcrProviderConformance('azure', () => createAzureOcr(azureSettings(server.endpoint)), [
  { name: 'a filled-in form photo', document: formPhoto, pages: 1, contains: ['Monthly Report', 'BRITISH'] },
]);

runOcrProviderConformance(
  'azure (API 2023-07-31)',
  () => createAzureOcr(azureSettings(server.endpoint, { apiVersion: '2023-07-31' })),
  [{ name: 'a filled-in form photo', document: formPhoto, pages: 1, contains: ['Monthly Report'] }],
);
