/**
 * The recorded Azure responses the tests replay, the document sent with them, and counts read from the responses.
 */
import { readFile } from 'node:fs/promises';
import { loadDocument } from '../../../src/document/load.js';
import { AzureCredential } from '../../../src/index.js';
import type { AzureOcrSettings } from '../../../src/ocr/azure/index.js';
import type { LoadedDocument } from '../../../src/spec/document.js';
import { TEST_AZURE_KEY } from '../../support/azure-server.js';

const FIXTURES = new URL('../../fixtures/azure-di/', import.meta.url);

/** A recorded `GET …/analyzeResults/{id}` body. */
export interface RecordedOperation {
  readonly status: string;
  readonly analyzeResult: {
    readonly modelId: string;
    readonly content: string;
    readonly contentFormat?: string;
    readonly pages: readonly {
      readonly lines: readonly unknown[];
      readonly words: readonly unknown[];
      readonly selectionMarks?: readonly unknown[];
    }[];
    readonly tables?: readonly { readonly rowCount: number; readonly columnCount: number }[];
    readonly keyValuePairs?: readonly unknown[];
    readonly paragraphs?: readonly { readonly role?: string; readonly content: string }[];
  };
}

/** The recorded responses, by what they show. */
export const RECORDINGS = {
  markdown: 'bcgov-hr0081/1_81.jpg.prebuilt-layout.2024-11-30.markdown.json',
  keyValues: 'bcgov-hr0081/form_image_0.prebuilt-layout.2024-11-30.text-keyValuePairs.json',
  noisy: 'bcgov-hr0081/81_blank.jpg.prebuilt-layout.2024-11-30.markdown.json',
  legacyInvoice: 'azure-sdk-for-js-recordings/Invoice_1.pdf.prebuilt-invoice.2022-06-30-preview.json',
} as const;

/** A recorded response, parsed. */
export async function recording(name: string): Promise<RecordedOperation> {
  return JSON.parse(await readFile(new URL(name, FIXTURES), 'utf8')) as RecordedOperation;
}

/** The photo sent as the document; the server ignores its bytes. */
export function formPhoto(): Promise<LoadedDocument> {
  return loadDocument(new URL('bcgov-hr0081/1_81.jpg', FIXTURES));
}

/** Settings pointing at the local server, polling fast. */
export function azureSettings(endpoint: string, settings: AzureOcrSettings = {}): AzureOcrSettings {
  return {
    endpoint,
    credential: new AzureCredential({ key: TEST_AZURE_KEY }),
    pollIntervalMs: 5,
    ...settings,
  };
}
