import type { OutlineEntry, PrintLayout } from '../shared/print-options.ts';

/**
 * Reads the laid-out print view: reveal's slide pages, or the handout's paper pages. It runs in the
 * page, so it is self-contained, and it declares no inner named functions (tsx would wrap them in a
 * helper the page does not have).
 */
export function readPrintLayout(): PrintLayout {
  const pages = Array.from(
    document.querySelectorAll<HTMLElement>('.reveal .slides > .pdf-page, .reveal .slides > .handout-page'),
  );
  const outline: OutlineEntry[] = [];
  const seen = new Set<string>();
  const overfull: string[] = [];
  pages.forEach((page, index) => {
    for (const section of page.querySelectorAll('section')) {
      if (seen.has(section.id)) continue;
      seen.add(section.id);
      const heading = section.querySelector('h1, h2')?.textContent?.replace(/\s+/g, ' ').trim() ?? section.id;
      outline.push({ title: heading, page: index });
    }
    // A handout page holds its content in a fixed height: what runs past it would be cut off.
    if (page.classList.contains('handout-page') && page.scrollHeight > page.clientHeight + 1) {
      overfull.push(`page ${index + 1} (${page.dataset.slides ?? 'notes'})`);
    }
  });
  return {
    width: parseFloat(document.body.style.width),
    height: parseFloat(document.body.style.height),
    title: document.title,
    author: document.querySelector('meta[name="author"]')?.getAttribute('content') ?? '',
    subject: document.querySelector('meta[name="description"]')?.getAttribute('content') ?? '',
    outline,
    pages: pages.length,
    overfull,
  };
}
