import { describe, expect, it } from 'vitest';
import { quotableMessage } from '../../src/util/quotable-message.js';

describe('quotableMessage', () => {
  it('puts a native library message of several lines on one, each repeated line once', () => {
    const libvips =
      'Input buffer has corrupt header: VipsJpeg: Bogus marker length\nVipsJpeg: Bogus marker length\nVipsJpeg: Bogus marker length\n';
    expect(quotableMessage(libvips)).toBe(
      'Input buffer has corrupt header: VipsJpeg: Bogus marker length; VipsJpeg: Bogus marker length',
    );
  });

  it('redacts the secrets of the call and anything shaped like a key, and drops the final dot', () => {
    expect(quotableMessage('Key my-secret is wrong; try sk-abc123.', ['my-secret'], /\bsk-\S+/g)).toBe(
      'Key [redacted] is wrong; try [redacted]',
    );
  });
});
