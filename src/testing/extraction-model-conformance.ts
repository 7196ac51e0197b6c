/**
 * The conformance suite every extraction model passes, built-in or the user's own (vitest).
 *
 * @module
 */
import { describe, expect, it, type TestContext } from 'vitest';
import { attachedDocumentPrompt } from '../llm/prompt.js';
import type { LoadedDocument } from '../spec/document.js';
import type { ExtractionModel, ExtractionRequest, ExtractionResponse } from '../spec/extraction-model.js';
import {
  blankPng,
  type ExtractionConformanceRequest,
  extractionConformanceRequest,
  invoicePdf,
} from './extraction-conformance-fixture.js';
import { answerProblems, responseProblems } from './extraction-response-problems.js';

/**
 * A check of {@link runExtractionModelConformance} that can be skipped:
 * - `answer`: a request is answered with a JSON object of the schema's shape, and the request is left as it was;
 * - `pdf`, `images`: a PDF or an image attached instead of text is taken (run only when `capabilities` say so);
 * - `repairs`: a request carrying a repair turn is answered (run unless `capabilities.repairable` is `false`);
 * - `abort`: an already-aborted `signal` makes `extract` reject at once;
 * - `close`: `close()`, when the model has it, resolves, twice too.
 *
 * The model's identity and capabilities are always checked.
 */
export type ExtractionConformanceCheck = 'answer' | 'pdf' | 'images' | 'repairs' | 'abort' | 'close';

/** Options of {@link runExtractionModelConformance}. */
export interface ExtractionModelConformanceOptions {
  /**
   * The request every check starts from (a fresh one each time; the suite adds the signal, the repair turn, or
   * the attached document in place of the text). Its answer is checked for shape only: no property the schema
   * does not allow, each value of its type; which values the model finds is not checked.
   * @default extractionConformanceRequest
   */
  readonly request?: () => ExtractionConformanceRequest | Promise<ExtractionConformanceRequest>;
  /** Checks left out, each reported as skipped: for what the model cannot do by design. @default [] */
  readonly skip?: readonly ExtractionConformanceCheck[];
  /** How soon `extract` must reject once given an already-aborted signal, in ms. @default 1000 */
  readonly abortWithinMs?: number;
}

/**
 * Registers vitest tests checking that a model keeps the `ExtractionModel` contract the extraction stage relies
 * on: its identity (`specificationVersion` `v1`, a `provider` and a `modelId`) and well-formed `capabilities`;
 * an answer to a short invoice request that is a JSON object (`json`, or `text` the stage can parse) of the
 * schema's shape, with `finishReason` `stop`, usage of non-negative numbers, warnings with a kebab-case `code`
 * and a `message`, and `confidence` keyed by JSON Pointers into the answer, valued 0..1; attached PDFs and
 * images taken when its capabilities say so; repair turns taken unless it is not `repairable`; an
 * already-aborted signal making `extract` reject at once with the signal's reason (or an `AbortError`); and
 * `close()`, when it has one, resolving, twice too.
 *
 * `model` is called once per test, so one test's state (an aborted call, a closed client) cannot leak into the
 * next; the suite closes each model it was given. Point a model that calls a service at a local stand-in that
 * answers {@link EXTRACTION_CONFORMANCE_ANSWER}: every check's answer must be valid JSON of the request's
 * schema.
 *
 * @param name - Names the model in the test report.
 * @param model - Makes the model under test.
 * @example
 * ```ts
 * import { extractionConformanceRequest, runExtractionModelConformance } from 'docpipe/testing';
 *
 * // my-llm.test.ts, with a local stand-in for the service that answers EXTRACTION_CONFORMANCE_ANSWER
 * runExtractionModelConformance('my-llm', () => createMyModel({ baseURL: server.url }));
 * // a small local model: a shorter answer budget, and its stand-in plays no image requests
 * runExtractionModelConformance('my-local-llm', () => createMyLocalModel({ baseURL: local.url }), {
 *   request: () => ({ ...extractionConformanceRequest(), maxTokens: 256 }),
 *   skip: ['images'],
 * });
 * ```
 */
export function runExtractionModelConformance(
  name: string,
  model: () => ExtractionModel | Promise<ExtractionModel>,
  options: ExtractionModelConformanceOptions = {},
): void {
  const { request = extractionConformanceRequest, skip = [], abortWithinMs = 1000 } = options;
  const check = (id: ExtractionConformanceCheck, title: string, body: CheckBody) =>
    (skip.includes(id) ? it.skip : it)(title, (context) =>
      withModel(model, id !== 'close', (m) => body(m, context)),
    );

  describe(`${name} keeps the ExtractionModel contract`, () => {
    it('names itself and implements specification v1', () =>
      withModel(model, true, async (m) => {
        expect(m.specificationVersion).toBe('v1');
        expect(m.provider).toEqual(expect.stringMatching(/\S/));
        expect(m.modelId).toEqual(expect.stringMatching(/\S/));
        expect(m.extract).toBeTypeOf('function');
      }));

    it('declares well-formed capabilities', () =>
      withModel(model, true, async ({ capabilities }) => {
        expect(capabilities).toMatchObject({
          structuredOutput: expect.any(Boolean),
          images: expect.any(Boolean),
          pdf: expect.any(Boolean),
          promptCaching: expect.any(Boolean),
        });
        expect(
          Number.isSafeInteger(capabilities.contextTokens) && capabilities.contextTokens > 0,
          `contextTokens is ${capabilities.contextTokens}, not a positive whole number`,
        ).toBe(true);
        if (capabilities.repairable !== undefined) expect(capabilities.repairable).toBeTypeOf('boolean');
      }));

    check(
      'answer',
      "answers with a JSON object of the schema's shape, leaving the request as it was",
      async (m) => {
        const sent = await request();
        const before = structuredClone(sent);
        const response = await m.extract(sent);
        expect.soft(sent, 'extract changed the request it was given').toEqual(before);
        expectAnswer(response, sent);
      },
    );

    check('pdf', 'reads a PDF attached instead of text, when it declares pdf', async (m, { skip }) => {
      if (!m.capabilities.pdf) skip('capabilities.pdf is false');
      const sent = attached(await request(), await invoicePdf());
      expectAnswer(await m.extract(sent), sent);
    });

    check(
      'images',
      'reads an image attached instead of text, when it declares images',
      async (m, { skip }) => {
        if (!m.capabilities.images) skip('capabilities.images is false');
        const sent = attached(await request(), blankPng());
        // The page is blank: a model may decline it, but what it says must still be well-formed.
        const response = await m.extract(sent);
        expect(responseProblems(response)).toEqual([]);
        if (response.finishReason === 'stop') expect(answerProblems(response, sent.jsonSchema)).toEqual([]);
      },
    );

    check(
      'repairs',
      'answers a request carrying a repair turn, unless it is not repairable',
      async (m, { skip }) => {
        if (m.capabilities.repairable === false) skip('capabilities.repairable is false');
        const sent: ExtractionRequest = {
          ...(await request()),
          repairs: [
            {
              answer: '{}',
              problem:
                'Your answer cannot be used: it has none of the values the schema requires. Answer again with the complete JSON value only, valid for the schema.',
            },
          ],
        };
        expectAnswer(await m.extract(sent), sent);
      },
    );

    check('abort', 'rejects at once with the abort reason when the signal is already aborted', async (m) => {
      const controller = new AbortController();
      const reason = new Error('The conformance suite aborted this extraction before it began.');
      controller.abort(reason);
      const outcome = await settledWithin(
        m.extract({ ...(await request()), signal: controller.signal }),
        abortWithinMs,
      );
      if (outcome.state === 'resolved')
        expect.fail('extract resolved although its signal was aborted before the call');
      if (outcome.state === 'pending')
        expect.fail(`extract had not settled ${abortWithinMs} ms after an aborted signal`);
      const { error } = outcome;
      expect(
        error === reason || (error instanceof Error && error.name === 'AbortError'),
        `extract rejected with ${String(error)}, not the signal's reason or an AbortError`,
      ).toBe(true);
    });

    check('close', 'closes, and may be closed twice', async (m, { skip }) => {
      if (m.close === undefined) skip('the model has no close()');
      await expect(m.close?.()).resolves.toBeUndefined();
      await expect(m.close?.()).resolves.toBeUndefined();
    });
  });
}

type CheckBody = (model: ExtractionModel, context: TestContext) => Promise<void>;

/** Runs `body` on a fresh model, and closes the model afterwards (unless the body is about closing it). */
async function withModel(
  make: () => ExtractionModel | Promise<ExtractionModel>,
  close: boolean,
  body: (model: ExtractionModel) => Promise<void>,
): Promise<void> {
  const model = await make();
  try {
    await body(model);
  } finally {
    // Whether close() works is the `close` check's business; here its failure would hide the test's own.
    if (close) await model.close?.().catch(() => undefined);
  }
}

/** A finished answer: well-formed, stopped normally, and a JSON object of the schema's shape (all problems at once). */
function expectAnswer(response: ExtractionResponse, request: ExtractionRequest): void {
  const problems = responseProblems(response);
  if (problems.length === 0 && response.finishReason !== 'stop')
    problems.push(`finishReason is ${response.finishReason}, not stop, for a request a model can answer`);
  if (response !== null && typeof response === 'object')
    problems.push(...answerProblems(response, request.jsonSchema));
  expect(problems).toEqual([]);
}

/** `request` with `document` attached in place of its text and OCR output, as the stage sends a PDF or image. */
function attached(request: ExtractionConformanceRequest, document: LoadedDocument): ExtractionRequest {
  const { system, jsonSchema, maxTokens, temperature } = request;
  return { system, jsonSchema, prompt: attachedDocumentPrompt(), document, maxTokens, temperature };
}

type Outcome = { state: 'resolved' } | { state: 'rejected'; error: unknown } | { state: 'pending' };

/** How `promise` settled within `ms`, without waiting longer. */
async function settledWithin(promise: Promise<unknown>, ms: number): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve({ state: 'pending' }), ms);
  });
  try {
    return await Promise.race([
      promise.then(
        (): Outcome => ({ state: 'resolved' }),
        (error: unknown): Outcome => ({ state: 'rejected', error }),
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
