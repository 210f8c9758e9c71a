import postcss, { type ChildNode, type Container } from 'postcss';
import type { Plugin } from 'vite';
import { readFile } from 'node:fs/promises';

/**
 * reveal.js rules no first screen of the deck uses, by the class that turns them on: the overview
 * (O, Esc), the print view, the scroll view (phones), the help and preview overlays (?), jump to
 * slide (G) and zoom. Not the black screen's or the speaker notes': reveal puts their elements in
 * the page as it starts, and their first rules hide them (from later, a 1 s fade would show them).
 */
const LATER_SELECTOR =
  /\.(overview|print-pdf|reveal-print|reveal-scroll|loading-scroll-mode|scroll-page|scrollbar|r-overlay|jump-to-slide|zoomed)\b/;
/** `@media print`: the print view's. */
const PRINT_MEDIA = /^print\b/;

/** reveal.js's stylesheet in two: the rules the first screen may use, and the rest. */
export interface RevealStyles {
  first: string;
  later: string;
}

/**
 * Splits reveal.js's stylesheet into what a first screen may use and what only the overview, the
 * print and scroll views and the overlays use: the page links the first, and loads the rest once it
 * is shown (or before, for a first screen in the print or scroll view). A rule whose selectors are
 * some of each is split in two.
 */
export function splitRevealStyles(css: string): RevealStyles {
  const first = postcss.parse(css);
  const later = first.clone();
  later.removeAll();
  const move = (container: Container, target: Container): void => {
    for (const node of [...(container.nodes ?? [])] as ChildNode[]) {
      if (node.type === 'atrule' && node.name === 'media' && PRINT_MEDIA.test(node.params)) {
        target.append(node.remove());
      } else if (node.type === 'atrule' && node.name === 'media') {
        const copy = node.clone();
        copy.removeAll();
        move(node, copy);
        if (copy.nodes?.length) target.append(copy);
        if (!node.nodes?.length) node.remove();
      } else if (node.type === 'rule') {
        const laterSelectors = node.selectors.filter((selector) => LATER_SELECTOR.test(selector));
        if (laterSelectors.length === 0) continue;
        if (laterSelectors.length === node.selectors.length) {
          target.append(node.remove());
        } else {
          target.append(node.clone({ selectors: laterSelectors }));
          node.selectors = node.selectors.filter((selector) => !LATER_SELECTOR.test(selector));
        }
      }
    }
  };
  move(first, later);
  return { first: first.toString(), later: later.toString() };
}

/** The first screen's share of reveal.js's stylesheet, which the page links. */
export const REVEAL_FIRST_MODULE = 'virtual:reveal-first.css';
/** The rest of it, which the page loads once its first screen is shown. */
export const REVEAL_LATER_MODULE = 'virtual:reveal-later.css';
const REVEAL_STYLESHEET = 'reveal.js/reveal.css';

/** Serves `virtual:reveal-first.css` and `virtual:reveal-later.css`: reveal.js's stylesheet, split. */
export function revealStylesPlugin(): Plugin {
  let split: Promise<RevealStyles> | undefined;
  return {
    name: 'deck-reveal-styles',
    resolveId(id) {
      return id === REVEAL_FIRST_MODULE || id === REVEAL_LATER_MODULE ? `\0${id}` : undefined;
    },
    async load(id) {
      if (id !== `\0${REVEAL_FIRST_MODULE}` && id !== `\0${REVEAL_LATER_MODULE}`) return undefined;
      split ??= (async () => {
        const file = (await this.resolve(REVEAL_STYLESHEET))?.id;
        if (!file) throw new Error(`${REVEAL_STYLESHEET} not found: is reveal.js installed (npm ci)?`);
        return splitRevealStyles(await readFile(file, 'utf8'));
      })();
      const { first, later } = await split;
      return id === `\0${REVEAL_FIRST_MODULE}` ? first : later;
    },
  };
}
