import type { OverflowSelectors, SlideOverflow } from '../shared/overflow.ts';

/**
 * Measures how far each matched slide's content reaches past its box. It runs in the page (the dev
 * warning, the PDF guard and the end-to-end gate all call it), so it is self-contained: no imports,
 * no helpers, nothing from module scope.
 */
export function measureOverflow(selectors: OverflowSelectors): SlideOverflow[] {
  const results: SlideOverflow[] = [];
  for (const section of Array.from(document.querySelectorAll<HTMLElement>(selectors.slides))) {
    const box = section.closest<HTMLElement>(selectors.box);
    if (!box) continue;
    const rect = box.getBoundingClientRect();
    const frame = selectors.size
      ? {
          left: rect.left,
          top: rect.top,
          right: rect.left + selectors.size.width,
          bottom: rect.top + selectors.size.height,
        }
      : rect;
    // The box is scaled to the window; divide to report slide pixels.
    const scale = selectors.size ? 1 : rect.width / box.offsetWidth || 1;
    let x = 0;
    let y = 0;
    for (const element of Array.from(section.querySelectorAll<HTMLElement>('*'))) {
      if (element.closest(selectors.ignore)) continue;
      const bounds = element.getBoundingClientRect();
      if (bounds.width === 0 && bounds.height === 0) continue;
      x = Math.max(x, (frame.left - bounds.left) / scale, (bounds.right - frame.right) / scale);
      y = Math.max(y, (frame.top - bounds.top) / scale, (bounds.bottom - frame.bottom) / scale);
      // Content cut off inside a scrolling or clipping element counts too (visible overflow is
      // already in the rectangles above).
      const style = getComputedStyle(element);
      if (style.overflowX !== 'visible' && element.clientWidth > 0)
        x = Math.max(x, element.scrollWidth - element.clientWidth);
      if (style.overflowY !== 'visible' && element.clientHeight > 0)
        y = Math.max(y, element.scrollHeight - element.clientHeight);
    }
    const heading = section.querySelector('h1, h2');
    results.push({
      id: section.id,
      title: heading?.textContent?.trim() ?? '',
      file: section.getAttribute('data-file') ?? '',
      x: Math.ceil(x),
      y: Math.ceil(y),
    });
  }
  return results;
}
