import { afterAll, beforeAll } from 'vitest';
import { createAzureProvider } from '../../../src/ocr/azure/index.js';
import { runOcrProviderConformance } from '../../../src/testing/index.js';
import { type AzureServer, startAzureServer } from '../../support/azure-server.js';
import { azureConfig, formPhoto, RECORDINGS, recording } from './azure-fixtures.js';

let server: AzureServer;

beforeAll(async () => {
  server = await startAzureServer();
  server.script({ result: await recording(RECORDINGS.markdown) });
});
afterAll(() => server.close());

runOcrProviderConformance('azure', () => createAzureProvider(azureConfig(server.endpoint)), [
  { name: 'a filled-in form photo', document: formPhoto, pages: 1, contains: ['Monthly Report', 'BRITISH'] },
]);

runOcrProviderConformance(
  'azure (API 2023-07-31)',
  () => createAzureProvider(azureConfig(server.endpoint, { apiVersion: '2023-07-31' })),
  [{ name: 'a filled-in form photo', document: formPhoto, pages: 1, contains: ['Monthly Report'] }],
);
