/**
 * The checks behind the extraction model conformance suite name what a broken response gets wrong, and pass
 * what the extraction stage accepts.
 */
import { describe, expect, it } from 'vitest';
import type { ExtractionResponse } from '../../src/spec/extraction-model.js';
import {
  EXTRACTION_CONFORMANCE_ANSWER,
  extractionConformanceRequest,
} from '../../src/testing/extraction-conformance-fixture.js';
import { answerProblems, responseProblems } from '../../src/testing/extraction-response-problems.js';

const { jsonSchema } = extractionConformanceRequest();

function response(overrides: Partial<Record<keyof ExtractionResponse, unknown>> = {}): ExtractionResponse {
  return {
    json: EXTRACTION_CONFORMANCE_ANSWER,
    finishReason: 'stop',
    usage: { inputTokens: 1200, outputTokens: 80, costUsd: 0.0012 },
    warnings: [],
    ...overrides,
  } as ExtractionResponse;
}

describe('responseProblems', () => {
  it('passes a well-formed response, with confidences pointing into the answer', () => {
    const confidence = { '/invoice_number': 0.9, '/line_items/1/amount': 0.5, '/due_date': 0 };
    expect(responseProblems(response({ confidence, raw: { id: 'msg_1' } }))).toEqual([]);
  });

  it('names each thing a broken response gets wrong', () => {
    const broken = response({
      json: { total: Number.NaN, when: new Date(0) },
      finishReason: 'end_turn',
      usage: { inputTokens: -1, outputTokens: 2.5, totalTokens: 3 },
      warnings: [{ code: 'Temperature Ignored', message: '' }, 'careful'],
      confidence: { total: 0.5, '/missing': 1.5 },
      raw: { big: 1n },
    });
    expect(responseProblems(broken)).toEqual([
      'finishReason is "end_turn", not one of stop, length, refusal, error',
      'usage.inputTokens is -1, not a non-negative finite number',
      'usage.outputTokens is 2.5, not a whole number',
      'usage.totalTokens is not a field of Usage (the stage would drop it)',
      'warnings[0].code is "Temperature Ignored", not a kebab-case code',
      'warnings[0].message is "", not a sentence',
      'warnings[1] is "careful", not an object',
      'json.total is NaN, which JSON cannot hold',
      'json.when is a Date, not a plain object',
      'confidence key "total" is not a JSON Pointer (it starts with "/")',
      'confidence["/missing"] is 1.5, not a number in 0..1',
      'confidence key "/missing" points at no value of the answer',
      expect.stringMatching(/^raw cannot be kept as a JSON artifact/),
    ]);
  });

  it('reads confidence pointers into a text answer, escapes and array indexes included', () => {
    const text = JSON.stringify({ 'a/b': [{ '~c': 1 }] });
    expect(responseProblems(response({ json: undefined, text, confidence: { '/a~1b/0/~0c': 1 } }))).toEqual(
      [],
    );
    expect(responseProblems(response({ json: undefined, text, confidence: { '/a~1b/1': 1 } }))).toEqual([
      'confidence key "/a~1b/1" points at no value of the answer',
    ]);
  });
});

describe('answerProblems', () => {
  it("passes an answer of the schema's shape, with values left out", () => {
    expect(answerProblems(response(), jsonSchema)).toEqual([]);
    expect(answerProblems(response({ json: { line_items: [{ amount: 3 }] } }), jsonSchema)).toEqual([]);
  });

  it('reads a text answer as the stage does, a Markdown fence tolerated', () => {
    const text = `\`\`\`json\n${JSON.stringify(EXTRACTION_CONFORMANCE_ANSWER)}\n\`\`\``;
    expect(answerProblems(response({ json: undefined, text }), jsonSchema)).toEqual([]);
  });

  it('names what is not JSON, not an object, or not of the schema’s shape', () => {
    expect(answerProblems(response({ json: undefined }), jsonSchema)).toEqual([
      'the response has neither json nor text',
    ]);
    expect(answerProblems(response({ json: undefined, text: 'INV-1042' }), jsonSchema)).toEqual([
      expect.stringMatching(/^text is given instead of json, but it is not valid JSON/),
    ]);
    expect(answerProblems(response({ json: [EXTRACTION_CONFORMANCE_ANSWER] }), jsonSchema)).toEqual([
      'the answer is an array, not a JSON object',
    ]);
    const wrong = {
      invoice_number: 1042,
      total: '72.50',
      line_items: [{ description: 'Paper', qty: 2 }],
      vat: 0,
    };
    expect(answerProblems(response({ json: wrong }), jsonSchema)).toEqual([
      "the answer does not have the schema's shape: (root): must NOT have additional property 'vat'",
      "the answer does not have the schema's shape: /invoice_number: must be string",
      "the answer does not have the schema's shape: /total: must be number",
      "the answer does not have the schema's shape: /line_items/0: must NOT have additional property 'qty'",
    ]);
  });
});
