import { describe, expect, it } from 'vitest';
import {
  messagesOutputMode,
  planOutput,
  supportsStructuredOutput,
} from '../../../src/llm/anthropic/output-mode.js';
import type { JSONSchema } from '../../../src/schema/index.js';
import { INVOICE_SCHEMA } from './messages-fixtures.js';

describe('supportsStructuredOutput', () => {
  it.each([
    'claude-sonnet-4-5',
    'claude-sonnet-4-5-20250929',
    'claude-haiku-4-5-20251001',
    'claude-opus-4-5',
    'claude-sonnet-4-6',
    'claude-opus-5',
    'claude-sonnet-5-5',
    'claude-fable-5-2',
    'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
    'global.anthropic.claude-haiku-4-5-20251001-v1:0',
    'arn:aws:bedrock:us-east-1:123456789012:inference-profile/eu.anthropic.claude-opus-4-5-20251101-v1:0',
  ])('%s has it', (modelId) => {
    expect(supportsStructuredOutput(modelId)).toBe(true);
  });

  it.each([
    'claude-opus-4-1',
    'claude-opus-4-1-20250805',
    'claude-opus-4-20250514',
    'claude-sonnet-4-20250514',
    'claude-3-7-sonnet-20250219',
    'claude-3-5-haiku-20241022',
    'anthropic.claude-3-5-sonnet-20241022-v2:0',
    'claude-mythos-preview',
    'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3',
  ])('%s does not (or cannot be told from its id)', (modelId) => {
    expect(supportsStructuredOutput(modelId)).toBe(false);
  });
});

describe('planOutput', () => {
  const manyOptional: JSONSchema = {
    type: 'object',
    properties: Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`field_${i}`, { type: 'string' }])),
  };

  it('auto uses structured output on a model that has it', () => {
    expect(planOutput('auto', 'claude-sonnet-4-5', INVOICE_SCHEMA).mode).toBe('json-schema');
    expect(planOutput('auto', 'claude-3-5-haiku', INVOICE_SCHEMA).mode).toBe('tool');
  });

  it('auto falls back to a tool call for a schema past the structured-output limits', () => {
    expect(planOutput('auto', 'claude-sonnet-4-5', manyOptional).mode).toBe('tool');
  });

  it('json-schema and tool are used as configured', () => {
    expect(planOutput('json-schema', 'claude-3-5-haiku', manyOptional).mode).toBe('json-schema');
    expect(planOutput('tool', 'claude-sonnet-4-5', INVOICE_SCHEMA).mode).toBe('tool');
  });

  it('a tool call needs an object at the root', () => {
    const list: JSONSchema = { type: 'array', items: { type: 'string' } };
    expect(() => planOutput('tool', 'claude-sonnet-4-5', list)).toThrow(
      /root is an object.*"array".*wrap the schema in an object/,
    );
    expect(planOutput('auto', 'claude-sonnet-4-5', list).mode).toBe('json-schema');
  });

  it('json-object is not a Messages API mode', () => {
    expect(messagesOutputMode('auto', 'anthropic')).toBe('auto');
    expect(() => messagesOutputMode('json-object', 'bedrock')).toThrow(
      /'json-object' is not a mode of the bedrock provider; use 'auto', 'json-schema' or 'tool'/,
    );
  });
});
