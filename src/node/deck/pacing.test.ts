import { describe, expect, it } from 'vitest';
import { slideSeconds } from './pacing.ts';
import type { SlideFrontMatter } from './schema.ts';

const slide = (weight?: number): { data: SlideFrontMatter } => ({
  data: { kind: 'content', title: 'x', ...(weight ? { weight } : {}) },
});

describe('slideSeconds', () => {
  it('shares the talk equally when no slide says otherwise', () => {
    expect(slideSeconds([slide(), slide(), slide(), slide()], 10)).toEqual([150, 150, 150, 150]);
  });

  it('gives a heavier slide its share', () => {
    expect(slideSeconds([slide(), slide(3), slide()], 5)).toEqual([60, 180, 60]);
  });
});
