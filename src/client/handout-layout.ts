import './handout.css';
import { PAPER_SIZES, type HandoutOptions } from '../shared/print-options.ts';
import { element } from './element.ts';

const PX_PER_MM = 96 / 25.4;
/** Room around a page's content, on every side. */
const MARGIN_MM = 14;
/** The slide's width on the page, as a share of the text width: two slides and their notes fit on one page. */
const SLIDE_WIDTH_SHARE = { 1: 1, 2: 0.62 } as const;
/** reveal's print view: one page per slide, each holding the slide's section laid out at the deck's size. */
const SLIDE_PAGE = '.slides > .pdf-page';
const NOTES = 'aside.notes';
const HEADING = 'h1, h2';
const SLIDE_TEXT = '.slide-content';
const WHITESPACE = /\s+/g;

/** Text of an element as one line, for captions and alt text. */
const oneLine = (node: Element | null): string => node?.textContent?.replace(WHITESPACE, ' ').trim() ?? '';

/**
 * Turns reveal's print view into a handout: paper pages, each slide at the top (the very DOM the
 * slides PDF prints, scaled) with its speaker notes under it, captioned with its number and heading,
 * and a footer with the deck's title and the page number. Notes longer than the page continue on the
 * next one; nothing is cut.
 */
export async function layOutHandout(
  root: HTMLElement,
  { paper, perPage }: HandoutOptions,
  slideSize: { width: number; height: number },
): Promise<void> {
  // Pages are filled by measuring text: the fonts must be in first.
  await document.fonts.ready;
  const slides = root.querySelector<HTMLElement>('.slides')!;
  const slidePages = Array.from(root.querySelectorAll<HTMLElement>(SLIDE_PAGE));
  const size = PAPER_SIZES[paper];
  const width = `${size.width * PX_PER_MM}px`;
  const height = `${size.height * PX_PER_MM}px`;
  Object.assign(document.body.style, { width, height });
  // reveal's print view sizes the printed page to the slide (landscape): the paper's size replaces it.
  const pageRule = document.createElement('style');
  pageRule.textContent = `@page { size: ${size.width}mm ${size.height}mm; margin: 0; }`;
  document.head.append(pageRule);
  root.dataset.handout = paper;
  root.dataset.perPage = String(perPage);

  const pages: HTMLElement[] = [];
  let body: HTMLElement | undefined;
  let slidesOnPage = 0;
  const newPage = (): HTMLElement => {
    const page = element('div', 'handout-page');
    // A pixel short of the paper, as reveal's own pages are: rounding must not spill onto a blank page.
    Object.assign(page.style, { width, height: `${size.height * PX_PER_MM - 1}px`, padding: `${MARGIN_MM}mm` });
    body = element('div', 'handout-body');
    page.append(body, element('footer', 'handout-footer'));
    slides.append(page);
    pages.push(page);
    slidesOnPage = 0;
    return body;
  };
  const overfull = (): boolean => body!.scrollHeight > body!.clientHeight + 1;
  /** Puts `block` on the current page, or on a new one (made by `startPage`) when it does not fit. */
  const place = (block: HTMLElement, startPage: () => void): void => {
    body!.append(block);
    if (!overfull()) return;
    block.remove();
    startPage();
    body!.append(block);
  };

  slidePages.forEach((slidePage, index) => {
    const section = slidePage.querySelector('section')!;
    const heading = oneLine(section.querySelector(HEADING));
    const label = `Slide ${index + 1} of ${slidePages.length}`;
    if (!body || slidesOnPage >= perPage) newPage();

    // Less the frame's hairline border on either side.
    const frameWidth = body!.clientWidth * SLIDE_WIDTH_SHARE[perPage] - 2;
    const scale = frameWidth / slideSize.width;
    const frame = element('div', 'handout-frame');
    frame.style.width = `${frameWidth}px`;
    frame.style.height = `${slideSize.height * scale}px`;
    Object.assign(slidePage.style, {
      width: `${slideSize.width}px`,
      height: `${slideSize.height}px`,
      zoom: String(scale),
    });
    // The slide is one figure for the PDF's reader: its text stays selectable, its alt text says it all.
    frame.setAttribute('role', 'img');
    frame.setAttribute('aria-label', `${label}: ${oneLine(section.querySelector(SLIDE_TEXT)) || heading}`);
    frame.append(slidePage);
    const slideBlock = element('div', 'handout-slide');
    slideBlock.append(element('p', 'handout-caption', `${label} · ${heading}`), frame);
    place(slideBlock, newPage);
    slidesOnPage += 1;
    const page = pages.at(-1)!;
    page.dataset.slides = [page.dataset.slides, `slide "${section.id}"`].filter(Boolean).join(', ');

    // The notes, block by block: a block that does not fit goes on to a page of its own.
    let notes = element('div', 'handout-notes');
    body!.append(notes);
    const continueNotes = (): void => {
      newPage();
      slidesOnPage = perPage;
      body!.append(element('p', 'handout-caption', `${label} · ${heading} (notes, continued)`));
      notes = element('div', 'handout-notes');
      body!.append(notes);
    };
    for (const block of Array.from(section.querySelector(NOTES)?.children ?? [])) {
      const copy = block.cloneNode(true) as HTMLElement;
      notes.append(copy);
      if (!overfull()) continue;
      copy.remove();
      continueNotes();
      notes.append(copy);
    }
  });

  const title = document.title;
  pages.forEach((page, index) => {
    const footer = page.querySelector('.handout-footer')!;
    footer.append(element('span', '', title), element('span', '', `Page ${index + 1} of ${pages.length}`));
  });
}
