import type { OutlineEntry, PrintLayout } from '../shared/print-options.ts';

/**
 * Reads the laid-out print view. It runs in the page, so it is self-contained, and it declares no
 * inner named functions (tsx would wrap them in a helper the page does not have).
 */
export function readPrintLayout(): PrintLayout {
  const pages = Array.from(
    document.querySelectorAll('.reveal .slides > .pdf-page, .reveal .slides > .speaker-notes-pdf'),
  );
  const outline: OutlineEntry[] = [];
  const seen = new Set<string>();
  pages.forEach((page, index) => {
    const section = page.querySelector('section');
    if (!section || seen.has(section.id)) return;
    seen.add(section.id);
    const heading = section.querySelector('h1, h2')?.textContent?.replace(/\s+/g, ' ').trim() ?? section.id;
    outline.push({ title: heading, page: index });
  });
  return {
    width: parseFloat(document.body.style.width),
    height: parseFloat(document.body.style.height),
    title: document.title,
    author: document.querySelector('meta[name="author"]')?.getAttribute('content') ?? '',
    subject: document.querySelector('meta[name="description"]')?.getAttribute('content') ?? '',
    outline,
    pages: pages.length,
  };
}
