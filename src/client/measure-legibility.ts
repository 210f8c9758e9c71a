import type { SlideText, TextSelectors } from '../shared/legibility.ts';

/**
 * Measures every piece of text on the matched slides against the slide's body text, on screen: its
 * font size times whatever scales it (the slide's fit to the window; for a diagram, its viewBox
 * too), so an `em` size, a scaled slide and a shrunken drawing all count. It runs in the page (the
 * dev warning, the PDF guard and the end-to-end gate all call it), so it is self-contained: no
 * imports, no helpers, nothing from module scope.
 */
export function measureLegibility(selectors: TextSelectors): SlideText[] {
  const results: SlideText[] = [];
  for (const section of Array.from(document.querySelectorAll<HTMLElement>(selectors.slides))) {
    if (!section.checkVisibility()) continue;
    // The slide's scale on screen (reveal fits it to the window with a transform).
    const scale = section.getBoundingClientRect().width / (section.offsetWidth || 1);
    // The deck's body text (a slide's own styles must not move the yardstick), then taken away.
    const probe = document.createElement('span');
    (section.closest('.reveal') ?? section).append(probe);
    const bodyPx = parseFloat(getComputedStyle(probe).fontSize) * scale;
    probe.remove();
    const sizes: { element: string; share: number }[] = [];
    const walker = document.createTreeWalker(section, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent?.trim() ?? '';
      if (!parent || !text || parent.closest(selectors.ignore) || !parent.checkVisibility()) continue;
      const fontPx = parseFloat(getComputedStyle(parent).fontSize);
      // A drawing's text is in its own units: its screen matrix takes them to screen pixels.
      const matrix = parent instanceof SVGGraphicsElement ? parent.getScreenCTM() : null;
      const shownPx = matrix ? fontPx * Math.hypot(matrix.a, matrix.b) : fontPx * scale;
      if (shownPx === 0 || bodyPx === 0) continue;
      const classes = Array.from(parent.classList, (name) => `.${name}`).join('');
      const line = text.replace(/\s+/g, ' ');
      const words = line.length > 32 ? `${line.slice(0, 32)}…` : line;
      sizes.push({ element: `${parent.tagName.toLowerCase()}${classes} "${words}"`, share: shownPx / bodyPx });
    }
    sizes.sort((a, b) => a.share - b.share);
    const heading = section.querySelector('h1, h2');
    results.push({
      id: section.id,
      title: heading?.textContent?.trim() ?? '',
      file: section.getAttribute('data-file') ?? '',
      bodyPx,
      ...(sizes[0] ? { smallest: sizes[0] } : {}),
      // Two decimals: a size set at exactly the limit (0.8em) may compute a hair under it.
      small: sizes.filter(({ share }) => Math.round(share * 100) / 100 < selectors.min),
    });
  }
  return results;
}
