/**
 * The Textract SDK client, imported lazily and built once per provider, behind one `call` that maps failures
 * into docpipe errors.
 *
 * @module
 */

import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type * as TextractSdk from '@aws-sdk/client-textract';
import type { AwsCredential } from '../../credentials.js';
import { ConfigError } from '../../spec/errors.js';
import { mapTextractError } from './map-textract-error.js';
import type { ResolvedTextractSettings } from './textract-settings.js';

/** The Textract APIs docpipe calls, with their input and output. */
export interface TextractApis {
  DetectDocumentText: [TextractSdk.DetectDocumentTextRequest, TextractSdk.DetectDocumentTextResponse];
  AnalyzeDocument: [TextractSdk.AnalyzeDocumentRequest, TextractSdk.AnalyzeDocumentResponse];
  AnalyzeExpense: [TextractSdk.AnalyzeExpenseRequest, TextractSdk.AnalyzeExpenseResponse];
  StartDocumentTextDetection: [
    TextractSdk.StartDocumentTextDetectionRequest,
    TextractSdk.StartDocumentTextDetectionResponse,
  ];
  StartDocumentAnalysis: [
    TextractSdk.StartDocumentAnalysisRequest,
    TextractSdk.StartDocumentAnalysisResponse,
  ];
  StartExpenseAnalysis: [TextractSdk.StartExpenseAnalysisRequest, TextractSdk.StartExpenseAnalysisResponse];
  GetDocumentTextDetection: [
    TextractSdk.GetDocumentTextDetectionRequest,
    TextractSdk.GetDocumentTextDetectionResponse,
  ];
  GetDocumentAnalysis: [TextractSdk.GetDocumentAnalysisRequest, TextractSdk.GetDocumentAnalysisResponse];
  GetExpenseAnalysis: [TextractSdk.GetExpenseAnalysisRequest, TextractSdk.GetExpenseAnalysisResponse];
}

/** The environment variables read for the region when the settings name none, in this order. */
export const TEXTRACT_REGION_ENV = ['AWS_REGION', 'AWS_DEFAULT_REGION'] as const;

/**
 * The region for `settings`: `settings.region`, else `AWS_REGION`, else `AWS_DEFAULT_REGION`, else `undefined`
 * when the AWS profile (`AWS_PROFILE`, else `default`) names one in the shared config or credentials file,
 * which the SDK then reads. Called when the provider is built, so a pipeline without any region fails before
 * any document is read or any page is paid for.
 *
 * @throws {@link ConfigError} when there is no region in any of those places
 */
export function textractRegion(
  settings: { readonly region?: string | undefined },
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const region = settings.region ?? TEXTRACT_REGION_ENV.map((name) => env[name]).find(Boolean);
  if (region) return region;
  if (profileHasRegion(env)) return undefined;
  throw new ConfigError(
    'Amazon Textract needs a region; set AWS_REGION (e.g. us-east-1), or OCRConfig.region.',
    { option: 'OCRConfig.region' },
  );
}

/** Whether the shared config or credentials file sets `region` for the profile the SDK would use. */
function profileHasRegion(env: NodeJS.ProcessEnv): boolean {
  const profile = env.AWS_PROFILE || 'default';
  const home = env.HOME || env.USERPROFILE || homedir();
  const path = (variable: string, file: string) =>
    (env[variable] || join(home, '.aws', file)).replace(/^~(?=$|[/\\])/, home);
  return [
    {
      file: path('AWS_CONFIG_FILE', 'config'),
      sections: profile === 'default' ? ['default', 'profile default'] : [`profile ${profile}`],
    },
    { file: path('AWS_SHARED_CREDENTIALS_FILE', 'credentials'), sections: [profile] },
  ].some(({ file, sections }) => iniSectionHasRegion(file, sections));
}

function iniSectionHasRegion(file: string, sections: readonly string[]): boolean {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return false;
  }
  let inSection = false;
  for (const line of text.split(/\r?\n/)) {
    const header = /^\s*\[\s*([^\]]*?)\s*\]/.exec(line);
    if (header) inSection = sections.includes((header[1] ?? '').replace(/\s+/g, ' '));
    else if (inSection && /^\s*region\s*=\s*\S/.test(line)) return true;
  }
  return false;
}

/** A Textract client: `call` sends one request, `destroy` closes its connections. */
export interface TextractSession {
  call<A extends keyof TextractApis>(
    api: A,
    input: TextractApis[A][0],
    signal: AbortSignal | undefined,
  ): Promise<TextractApis[A][1]>;
  destroy(): void;
}

let sdk: Promise<typeof TextractSdk> | undefined;

/**
 * A session on `settings.client`, else on a client docpipe makes from the settings: their region (else the
 * profile's), credentials (else the AWS default chain), endpoint (else the SDK's, which honours
 * `AWS_ENDPOINT_URL_TEXTRACT`), and the SDK's own retries off, since docpipe's retry policy is the one that runs.
 * A session destroys only a client it made.
 */
export async function openTextractSession(settings: ResolvedTextractSettings): Promise<TextractSession> {
  const { credentials, region, endpoint } = settings;
  sdk ??= import('@aws-sdk/client-textract');
  const { TextractClient, ...commands } = await sdk;
  const client =
    settings.client ??
    new TextractClient({
      maxAttempts: 1,
      // Without throwOnRequestTimeout the SDK only logs a request that overran its timeout.
      requestHandler: { requestTimeout: settings.requestTimeoutMs, throwOnRequestTimeout: true },
      ...(region === undefined ? {} : { region }),
      ...(endpoint === undefined ? {} : { endpoint }),
      ...(credentials === undefined ? {} : { credentials }),
    });
  const secrets = credentials === undefined ? [] : Object.values(credentials);
  return {
    async call(api, input, signal) {
      signal?.throwIfAborted();
      const Command = (commands as unknown as Record<string, new (input: unknown) => unknown>)[
        `${api}Command`
      ];
      if (Command === undefined) throw new Error(`The Textract SDK has no ${api}Command.`);
      const send = client.send.bind(client) as (command: unknown, options: object) => Promise<unknown>;
      try {
        return (await send(new Command(input), signal === undefined ? {} : { abortSignal: signal })) as never;
      } catch (error) {
        signal?.throwIfAborted();
        throw mapTextractError(error, api, secrets);
      }
    },
    destroy: () => {
      if (settings.client === undefined) client.destroy();
    },
  };
}

/** Static AWS keys in the shape the SDK clients take. */
export type AwsSdkCredentials = ReturnType<AwsCredential['toAwsSdkCredentials']>;

/** The keys of an AWS credential, or undefined for the AWS default chain. @throws {@link ConfigError} for a non-AWS credential */
export function awsCredentials(credential: AwsCredential | undefined): AwsSdkCredentials | undefined {
  if (credential === undefined) return undefined;
  // Duck-typed, so an AwsCredential from another copy of docpipe works too.
  if ('toAwsSdkCredentials' in credential) return credential.toAwsSdkCredentials();
  throw new ConfigError(
    'OCRConfig.credential must be an AwsCredential for Textract; pass new AwsCredential({ accessKeyId, secretAccessKey }), or leave it out for the AWS default chain.',
    { option: 'OCRConfig.credential' },
  );
}
