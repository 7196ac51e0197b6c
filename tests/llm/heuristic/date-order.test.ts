import { describe, expect, it } from 'vitest';
import { createHeuristicModel, extractWithRules } from '../../../src/llm/heuristic/index.js';
import type { JSONSchema } from '../../../src/schema/index.js';

const schema: JSONSchema = {
  type: 'object',
  properties: { date: { type: ['string', 'null'], format: 'date' } },
  required: ['date'],
};

describe('numeric dates, day-first or month-first', () => {
  it('reads 08/04/2018 day-first on a Malaysian receipt (ringgit amounts), with no warning', () => {
    const receipt = 'KEDAI MAJU SDN BHD\nDate:  08/04/2018\nTotal     RM 12.70';
    const answer = extractWithRules({ jsonSchema: schema, text: receipt });
    expect(answer.json).toEqual({ date: '2018-04-08' });
    expect(answer.warnings).toEqual([]);
  });

  it('follows a date elsewhere on the page whose day is over 12', () => {
    const answer = extractWithRules({ jsonSchema: schema, text: 'Date:  08/04/2018\nDue:  25/04/2018' });
    expect(answer.json).toEqual({ date: '2018-04-08' });
  });

  it('reads month-first by a US phone number and state', () => {
    const answer = extractWithRules({
      jsonSchema: schema,
      text: 'MEGA MARKET\nCHICAGO, IL\n800-532-2918\nDate:  12/07/2019',
    });
    expect(answer.json).toEqual({ date: '2019-12-07' });
  });

  it('takes the locale option when the page says nothing', () => {
    const model = createHeuristicModel({ locale: 'en-GB' });
    const request = { system: '', prompt: '', jsonSchema: schema, maxTokens: 0, temperature: 0 };
    return expect(model.extract({ ...request, text: 'Date:  08/04/2018' })).resolves.toMatchObject({
      json: { date: '2018-04-08' },
      warnings: [],
    });
  });

  it('warns, with the other reading and a low confidence, when nothing orders an ambiguous date', () => {
    const answer = extractWithRules({ jsonSchema: schema, text: 'Date:  08/04/2018' });
    expect(answer.json).toEqual({ date: '2018-08-04' });
    expect(answer.confidence?.['/date']).toBeLessThan(0.6);
    expect(answer.warnings).toEqual([
      expect.objectContaining({
        code: 'heuristic-ambiguous',
        message: expect.stringContaining('2018-04-08'),
      }),
    ]);
  });

  it('finds a receipt date that no label names, as a guess', () => {
    const answer = extractWithRules({
      jsonSchema: schema,
      text: 'MEGA MARKET\n$12.00\n12/17/2019   12:22 PM',
    });
    expect(answer.json).toEqual({ date: '2019-12-17' });
    expect(answer.confidence?.['/date']).toBeLessThan(0.6);
  });
});
