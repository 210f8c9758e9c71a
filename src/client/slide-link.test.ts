import { describe, expect, it } from 'vitest';
import { decodeSlideId } from './slide-link.ts';

describe('decodeSlideId', () => {
  it('decodes a percent-encoded id', () => {
    expect(decodeSlideId('step-2')).toBe('step-2');
    expect(decodeSlideId('%E0%A4%A8%E0%A4%AE')).toBe('नम');
  });

  it('names no slide for a malformed encoding, instead of throwing', () => {
    expect(decodeSlideId('%E0%A4%A')).toBeUndefined();
    expect(decodeSlideId('%')).toBeUndefined();
    // markdown-it re-encodes a stray `%` in a link as `%25`: still a truncated sequence before it.
    expect(decodeSlideId('%E0%A4%25A')).toBeUndefined();
  });
});
