/**
 * What a PowerPoint file is made of, read from the built deck's HTML (pure: a string in, data out):
 * each slide's heading, its text as paragraphs, bullets and quotes with their bold, italic and
 * links, the step slides' status and verdict, the tally, the diagram (its SVG, name and
 * description), images with their alt text, and the speaker notes.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';

/** A piece of text with one style. */
export interface TextRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  /** A link: to a slide of the deck (0-based), or out. */
  link?: { slide: number } | { url: string };
}

export interface TallyRow {
  step: string;
  title: string;
  verdict: string;
}

export interface TallyTotal {
  party: string;
  count: string;
  caveat: string;
}

/** One block of a slide's content, in the deck's order. */
export type SlideBlock =
  | { kind: 'paragraph'; runs: TextRun[] }
  | { kind: 'heading'; runs: TextRun[] }
  | { kind: 'code'; text: string }
  | { kind: 'list'; items: { level: number; ordered: boolean; runs: TextRun[] }[] }
  | { kind: 'table'; rows: string[][] }
  | { kind: 'quote'; paragraphs: TextRun[][] }
  | { kind: 'status'; label: string; runs: TextRun[] }
  | { kind: 'verdict'; text: string }
  | { kind: 'tally'; rows: TallyRow[]; totals: TallyTotal[] }
  | { kind: 'diagram'; svg: string; name: string; description: string }
  | { kind: 'image'; src: string; alt: string };

export interface ContentSlide {
  /** The slide's id (its deep link). */
  id: string;
  /** `title`, `content`, `step` or `tally`, as the deck's front matter says. */
  kind: string;
  title: string;
  blocks: SlideBlock[];
  /** The slide's image fills the room under its heading (front matter `image: fill`). */
  imageFill: boolean;
  /** The speaker notes as plain text, paragraphs apart by a blank line. */
  notes: string;
}

/** A link to a slide of the deck, by id or by number (`#/step-2`, `#/3`), and one out of it. */
const SLIDE_LINK = /^#\/([\w-]+)$/;
const EXTERNAL_LINK = /^(https?:|mailto:)/;

const isElement = (node: RootContent | Root): node is Element => node.type === 'element';
const classesOf = (element: Element): string[] => {
  const value = element.properties.className;
  return Array.isArray(value) ? value.map(String) : [];
};
const hasClass = (element: Element, name: string): boolean => classesOf(element).includes(name);
const children = (element: Element | Root): Element[] => (element.children as RootContent[]).filter(isElement);

/** Every element under `root` (itself included) that `matches`, in document order. */
function findAll(root: Element | Root, matches: (element: Element) => boolean): Element[] {
  const found: Element[] = [];
  const visit = (node: Element | Root): void => {
    if (node.type === 'element' && matches(node)) found.push(node);
    for (const child of children(node)) visit(child);
  };
  visit(root);
  return found;
}

/** The text of a node, as its parts say it (whitespace as written: `squash` makes it a reader's). */
export function textOf(node: ElementContent | Root): string {
  if (node.type === 'text') return node.value;
  if (node.type !== 'element' && node.type !== 'root') return '';
  return node.children.map((child) => textOf(child as ElementContent)).join('');
}
/** Whitespace runs made one space, as a reader sees them. */
export const squash = (text: string): string => text.replace(/\s+/g, ' ');

/** The runs of an inline element's content: bold, italic and links carried down to each piece of text. */
function runsOf(element: Element, slideIndex: (id: string) => number | undefined): TextRun[] {
  const runs: TextRun[] = [];
  const walk = (node: ElementContent, style: Omit<TextRun, 'text'>): void => {
    if (node.type === 'text') {
      const text = squash(node.value);
      if (text) runs.push({ text, ...style });
      return;
    }
    if (node.type !== 'element') return;
    if (node.tagName === 'br') {
      runs.push({ text: '\n', ...style });
      return;
    }
    const next = { ...style };
    if (node.tagName === 'strong' || node.tagName === 'b') next.bold = true;
    if (node.tagName === 'em' || node.tagName === 'i') next.italic = true;
    if (node.tagName === 'a') {
      const href = String(node.properties.href ?? '');
      const id = SLIDE_LINK.exec(href)?.[1];
      const slide = id === undefined ? undefined : slideIndex(id);
      if (slide !== undefined) next.link = { slide };
      else if (EXTERNAL_LINK.test(href)) next.link = { url: href };
    }
    for (const child of node.children) walk(child, next);
  };
  for (const child of element.children) walk(child, {});
  // The first and last pieces lose the spaces that only the HTML's line breaks put there.
  if (runs[0]) runs[0].text = runs[0].text.trimStart();
  if (runs.at(-1)) runs.at(-1)!.text = runs.at(-1)!.text.trimEnd();
  return runs.filter((run) => run.text !== '');
}

/** A list's items, nested lists one level deeper, each numbered or bulleted as its own list is. */
function listItems(list: Element, level: number, slideIndex: (id: string) => number | undefined) {
  const ordered = list.tagName === 'ol';
  return children(list)
    .filter((item) => item.tagName === 'li')
    .flatMap((item): { level: number; ordered: boolean; runs: TextRun[] }[] => {
      const nested = children(item).filter((child) => child.tagName === 'ul' || child.tagName === 'ol');
      const own: Element = { ...item, children: item.children.filter((child) => !nested.includes(child as Element)) };
      // A "loose" list wraps each item's text in paragraphs: they read as one, a space apart.
      const paragraphs = children(own).filter((child) => child.tagName === 'p');
      const runs =
        paragraphs.length > 0
          ? paragraphs.flatMap((p, index) => [...(index > 0 ? [{ text: ' ' }] : []), ...runsOf(p, slideIndex)])
          : runsOf(own, slideIndex);
      return [{ level, ordered, runs }, ...nested.flatMap((sub) => listItems(sub, level + 1, slideIndex))];
    });
}

function tallyBlock(list: Element, totals: Element | undefined): SlideBlock {
  const part = (item: Element, name: string): string =>
    squash(textOf(children(item).find((child) => hasClass(child, name)) ?? { type: 'root', children: [] })).trim();
  return {
    kind: 'tally',
    rows: children(list).map((item) => ({
      step: part(item, 'step'),
      title: part(item, 'title'),
      verdict: part(item, 'verdict'),
    })),
    totals: totals
      ? children(totals).map((item) => ({
          party: part(item, 'party'),
          count: part(item, 'count'),
          caveat: part(item, 'caveat'),
        }))
      : [],
  };
}

function diagramBlock(figure: Element): SlideBlock {
  // The slide's drawing; the phone's (data-layout="narrow") is not for a 16:9 page.
  const svg = children(figure).find((child) => child.tagName === 'svg' && child.properties.dataLayout !== 'narrow');
  const caption = children(figure).find((child) => child.tagName === 'figcaption');
  if (!svg) throw new Error('a diagram figure in the built deck has no SVG drawing');
  return {
    kind: 'diagram',
    svg: toHtml(svg, { space: 'svg' }),
    name: String(figure.properties.ariaLabel ?? ''),
    description: caption ? squash(textOf(caption)).trim() : '',
  };
}

/** A paragraph's blocks: its text, and each image it shows as a picture, in their order. */
function paragraphBlocks(part: Element, slideIndex: (id: string) => number | undefined): SlideBlock[] {
  const blocks: SlideBlock[] = [];
  let text: ElementContent[] = [];
  const flush = (): void => {
    const runs = runsOf({ ...part, children: text }, slideIndex);
    if (runs.length > 0) blocks.push({ kind: 'paragraph', runs });
    text = [];
  };
  for (const child of part.children) {
    const images = isElement(child) ? findAll(child, (element) => element.tagName === 'img') : [];
    if (images.length === 0) {
      text.push(child);
      continue;
    }
    flush();
    for (const image of images) {
      blocks.push({ kind: 'image', src: String(image.properties.src ?? ''), alt: String(image.properties.alt ?? '') });
    }
  }
  flush();
  return blocks;
}

/** The blocks of a slide's content element, in order; nothing the slide shows is left out. */
function blocksOf(content: Element, slideIndex: (id: string) => number | undefined): SlideBlock[] {
  const blocks: SlideBlock[] = [];
  const parts = children(content);
  // The slide's own heading is its title; a heading below it is a block of its own.
  const title = parts.find((part) => /^h[12]$/.test(part.tagName));
  for (const [index, part] of parts.entries()) {
    if (part === title) continue;
    if (/^h[1-6]$/.test(part.tagName)) {
      blocks.push({ kind: 'heading', runs: runsOf(part, slideIndex) });
    } else if (part.tagName === 'ol' && hasClass(part, 'tally')) {
      const next = parts[index + 1];
      blocks.push(tallyBlock(part, next && hasClass(next, 'totals') ? next : undefined));
    } else if (hasClass(part, 'totals') || hasClass(part, 'download')) {
      // The totals went into the tally's table; the download links offer the files this one is among.
      continue;
    } else if (part.tagName === 'ul' || part.tagName === 'ol') {
      blocks.push({ kind: 'list', items: listItems(part, 0, slideIndex) });
    } else if (part.tagName === 'blockquote') {
      const paragraphs = children(part).filter((child) => child.tagName === 'p');
      blocks.push({ kind: 'quote', paragraphs: paragraphs.map((p) => runsOf(p, slideIndex)) });
    } else if (part.tagName === 'figure' && hasClass(part, 'diagram')) {
      blocks.push(diagramBlock(part));
    } else if (part.tagName === 'pre') {
      blocks.push({ kind: 'code', text: textOf(part).replace(/\n$/, '') });
    } else if (part.tagName === 'table') {
      const rows = findAll(part, (element) => element.tagName === 'tr');
      blocks.push({
        kind: 'table',
        rows: rows.map((row) => children(row).map((cell) => squash(textOf(cell)).trim())),
      });
    } else if (part.tagName === 'p' && hasClass(part, 'step-status')) {
      const label = children(part).find((child) => hasClass(child, 'label'));
      const rest: Element = { ...part, children: part.children.filter((child) => child !== label) };
      blocks.push({ kind: 'status', label: label ? squash(textOf(label)).trim() : '', runs: runsOf(rest, slideIndex) });
    } else if (part.tagName === 'p' && hasClass(part, 'verdict')) {
      blocks.push({ kind: 'verdict', text: squash(textOf(part)).trim() });
    } else {
      blocks.push(...paragraphBlocks(part, slideIndex));
    }
  }
  return blocks;
}

/** The notes as plain text: paragraphs and list items, one per line, a blank line between paragraphs. */
function notesOf(aside: Element | undefined): string {
  if (!aside) return '';
  return children(aside)
    .map((part) =>
      part.tagName === 'ul' || part.tagName === 'ol'
        ? children(part)
            .map((item) => `• ${squash(textOf(item)).trim()}`)
            .join('\n')
        : squash(textOf(part)).trim(),
    )
    .filter((text) => text !== '')
    .join('\n\n');
}

const FRAGMENT = 'fragment';

/**
 * Each step (reveal.js fragment) of a slide and the step it shows at, numbered as reveal numbers
 * them: the indexed ones first, by index, then each unindexed one (a list item's) in page order.
 */
function stepNumbers(section: Element): Map<Element, number> {
  const parts = findAll(section, (element) => hasClass(element, FRAGMENT));
  const indexed = [
    ...new Set(
      parts.flatMap((part) =>
        part.properties.dataFragmentIndex === undefined ? [] : [Number(part.properties.dataFragmentIndex)],
      ),
    ),
  ].sort((a, b) => a - b);
  const unindexed = parts.filter((part) => part.properties.dataFragmentIndex === undefined);
  return new Map(
    parts.map((part) => [
      part,
      part.properties.dataFragmentIndex === undefined
        ? indexed.length + unindexed.indexOf(part)
        : indexed.indexOf(Number(part.properties.dataFragmentIndex)),
    ]),
  );
}

/** A copy of `element` without the steps shown after step `shown`. */
function upToStep(element: Element, shown: number, steps: Map<Element, number>): Element {
  return {
    ...element,
    children: element.children
      .filter((child) => !(isElement(child) && (steps.get(child) ?? -1) > shown))
      .map((child) => (isElement(child) ? upToStep(child, shown, steps) : child)),
  };
}

/** A slide's states: itself whole, or (separately) before its first step and after each. */
function stepsOf(section: Element, separate: boolean): Element[] {
  const steps = stepNumbers(section);
  const count = new Set(steps.values()).size;
  if (!separate || count === 0) return [section];
  return Array.from({ length: count + 1 }, (_, index) => upToStep(section, index - 1, steps));
}

/**
 * The slides of a built deck page (`dist/index.html`), in order, as PowerPoint will show them: one
 * per slide, its steps shown; or, with `separateFragments`, one per step, as the PDF prints them.
 */
export function contentSlides(html: string, { separateFragments = false } = {}): ContentSlide[] {
  const page = fromHtml(html);
  const slidesRoot = findAll(page, (element) => hasClass(element, 'slides'))[0];
  if (!slidesRoot) throw new Error('the built page has no reveal.js .slides element: is it the deck?');
  const sections = children(slidesRoot).filter((child) => child.tagName === 'section');
  const ids = sections.map((section) => String(section.properties.id ?? ''));
  // A link to a slide jumps to its first PowerPoint slide (its first step, when steps are apart).
  const states = sections.map((section) => stepsOf(section, separateFragments));
  const firstOf = ids.map((_, index) => states.slice(0, index).reduce((sum, steps) => sum + steps.length, 0));
  const slideIndex = (id: string): number | undefined => {
    const index = ids.includes(id) ? ids.indexOf(id) : /^\d+$/.test(id) ? Number(id) : -1;
    return firstOf[index];
  };
  return sections.flatMap((section, index) =>
    states[index]!.map((state) => {
      const content = children(state).find((child) => hasClass(child, 'slide-content')) ?? state;
      const heading = findAll(content, (element) => /^h[12]$/.test(element.tagName))[0];
      const notes = children(state).find((child) => child.tagName === 'aside' && hasClass(child, 'notes'));
      return {
        id: ids[index]!,
        kind: String(section.properties.dataKind ?? 'content'),
        title: heading ? squash(textOf(heading)).trim() : '',
        blocks: blocksOf(content, slideIndex),
        imageFill: section.properties.dataImage === 'fill',
        notes: notesOf(notes),
      };
    }),
  );
}
