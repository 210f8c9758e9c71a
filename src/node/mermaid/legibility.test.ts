import { describe, expect, it } from 'vitest';
import { typeScale } from '../../shared/type-scale.ts';
import { shownTextPx, SMALLEST_TEXT_PX } from './legibility.ts';

const SLIDE = { width: 1280, height: 720 };

describe('shownTextPx', () => {
  it('scales a wide drawing to the slide width, a tall one to the room under the heading', () => {
    const wide = shownTextPx({ width: 2304, height: 100 }, SLIDE);
    expect(wide).toBeCloseTo(typeScale.diagramTextPx * ((1280 - 2 * typeScale.slidePaddingPx) / 2304));
    const tall = shownTextPx({ width: 100, height: 2000 }, SLIDE);
    expect(tall).toBeLessThan(SMALLEST_TEXT_PX);
  });

  it('never blows a small drawing up past the largest text size', () => {
    expect(shownTextPx({ width: 50, height: 20 }, SLIDE)).toBe(typeScale.bodyPx * typeScale.diagramTextMax);
  });

  it('grows with the slide', () => {
    const drawing = { width: 900, height: 600 };
    expect(shownTextPx(drawing, { width: 1920, height: 1080 })).toBeGreaterThan(shownTextPx(drawing, SLIDE));
  });
});
