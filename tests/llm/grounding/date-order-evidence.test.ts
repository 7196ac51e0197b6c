import { describe, expect, it } from 'vitest';
import { dateOrderEvidence, localeDateOrder } from '../../../src/llm/grounding/date-order-evidence.js';
import { otherDateReading } from '../../../src/llm/grounding/dates.js';

const words = (text: string) => text.split(/\s+/).map((word) => ({ text: word }));

describe('dateOrderEvidence', () => {
  it('says what the order rests on', () => {
    expect(dateOrderEvidence(words('18/06/2017 06/07/2017'))).toEqual({
      order: 'day-first',
      source: 'dates',
    });
    expect(dateOrderEvidence(words('06/07/2017'), 'en-GB')).toEqual({ order: 'day-first', source: 'locale' });
    expect(dateOrderEvidence(words('Total £12.00 06/07/2017'))).toEqual({
      order: 'day-first',
      source: 'document',
    });
    expect(dateOrderEvidence(words('Total USD 12.00'))).toEqual({ order: 'month-first', source: 'document' });
    expect(dateOrderEvidence(words('06/07/2017'))).toEqual({ order: 'month-first', source: 'none' });
  });

  it('reads a locale with the runtime', () => {
    expect(localeDateOrder('en-US')).toBe('month-first');
    expect(localeDateOrder('en-GB')).toBe('day-first');
    expect(localeDateOrder('ms-MY')).toBe('day-first');
  });
});

describe('otherDateReading', () => {
  it('gives the other reading of a date whose order nothing proves, and nothing for one that has one', () => {
    expect(otherDateReading('08/04/2018', 'month-first')).toBe('2018-04-08');
    expect(otherDateReading('08/04/2018', 'day-first')).toBe('2018-08-04');
    expect(otherDateReading('18/04/2018', 'month-first')).toBeUndefined();
    expect(otherDateReading('04/04/2018', 'month-first')).toBeUndefined();
    expect(otherDateReading('2018-04-08', 'month-first')).toBeUndefined();
  });
});
