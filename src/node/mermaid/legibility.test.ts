import { describe, expect, it } from 'vitest';
import { typeScale } from '../../shared/type-scale.ts';
import { narrowLayout, shownTextPx, smallestTextPx, wideLayout } from './legibility.ts';

const SLIDE = wideLayout({ width: 1280, height: 720 });

describe('shownTextPx', () => {
  it('scales a wide drawing to the slide width, a tall one to the room under the heading', () => {
    const wide = shownTextPx({ width: 2304, height: 100 }, SLIDE);
    expect(wide).toBeCloseTo(typeScale.diagramTextPx * ((1280 - 2 * typeScale.slidePaddingPx) / 2304));
    const tall = shownTextPx({ width: 100, height: 2000 }, SLIDE);
    expect(tall).toBeLessThan(smallestTextPx(SLIDE));
  });

  it('never blows a small drawing up past the largest text size', () => {
    expect(shownTextPx({ width: 50, height: 20 }, SLIDE)).toBe(typeScale.bodyPx * typeScale.diagramTextMax);
  });

  it('grows with the slide', () => {
    const drawing = { width: 900, height: 600 };
    expect(shownTextPx(drawing, wideLayout({ width: 1920, height: 1080 }))).toBeGreaterThan(
      shownTextPx(drawing, SLIDE),
    );
  });

  it("on a phone, fits the drawing to the phone slide's width, against the phone's body text", () => {
    const { width, slidePaddingPx, bodyPx, diagramTextPx } = typeScale.narrow;
    const phone = narrowLayout(diagramTextPx);
    expect(smallestTextPx(phone)).toBeCloseTo(bodyPx * typeScale.textMin);
    // Mermaid's top-down timeline: its boxes keep their widths, so its text is drawn larger.
    const timeline = { width: 602, height: 498 };
    expect(shownTextPx(timeline, phone)).toBeCloseTo((diagramTextPx * (width - 2 * slidePaddingPx)) / 602);
    expect(shownTextPx(timeline, phone)).toBeGreaterThan(smallestTextPx(phone));
    // The same drawing at the slide's text size would be too small there.
    expect(shownTextPx(timeline, narrowLayout(typeScale.diagramTextPx))).toBeLessThan(smallestTextPx(phone));
  });
});
