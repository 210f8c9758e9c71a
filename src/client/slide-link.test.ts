import { describe, expect, it } from 'vitest';
import { decodeSlideId, readSlideLink } from './slide-link.ts';

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

describe('readSlideLink', () => {
  it('reads a slide by its number or its id, as reveal.js does, and none from an empty or malformed hash', () => {
    expect(readSlideLink('#/5')).toEqual({ h: 5, v: 0 });
    expect(readSlideLink('#/5/1')).toEqual({ h: 5, v: 1 });
    expect(readSlideLink('#/0')).toEqual({ h: 0, v: 0 });
    expect(readSlideLink('#/step-2')).toEqual({ id: 'step-2' });
    expect(readSlideLink('#/%E0%A4%A8%E0%A4%AE')).toEqual({ id: 'नम' });
    for (const none of ['', '#', '#/', '#/%E0%A4%A']) expect(readSlideLink(none)).toBeUndefined();
  });
});
