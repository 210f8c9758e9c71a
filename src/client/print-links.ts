import { decodeSlideId } from './slide-link.ts';

/** A link to a slide of this deck: `#/step-2` (by id) or `#/3` (by zero-based number). */
const SLIDE_LINK = /^#\/([^/?#]+)$/;
/** A slide by its zero-based number. */
const NUMBER = /^\d+$/;

/**
 * In the print view, points links to other slides at the slides' sections (`#/step-2` → `#step-2`):
 * Chromium prints a link to an element of the page as a jump to its page in the PDF, whereas
 * reveal's hash would become a web address.
 */
export function linkSlidesForPrint(root: HTMLElement): void {
  const sections = Array.from(root.querySelectorAll<HTMLElement>('.slides section[id]'));
  for (const link of root.querySelectorAll<HTMLAnchorElement>('a[href^="#/"]')) {
    const target = SLIDE_LINK.exec(link.getAttribute('href') ?? '')?.[1];
    if (target === undefined) continue;
    const id = decodeSlideId(target);
    const section = NUMBER.test(target)
      ? sections[Number(target)]
      : id === undefined
        ? null
        : document.getElementById(id);
    if (section) link.setAttribute('href', `#${section.id}`);
  }
}
