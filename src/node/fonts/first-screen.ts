import type { Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import postcss from 'postcss';
import { GENERATED, glyphCharacters, sortedCharacters } from './characters.ts';

/** Elements a browser sets bold by itself. */
const BOLD_BY_DEFAULT = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'b', 'th'];
/** A `font-weight` the bold faces draw (600 and up picks the bold face when there is no semibold). */
const BOLD_WEIGHT = /^(bold|bolder|[6-9]00)$/;
/** The theme scopes its rules to the deck (`.reveal h1`); a slide's own HTML has no `.reveal` around it. */
const DECK_SCOPE = /^\.reveal(?=[\s>])\s*>?\s*/;
/** Speaker notes: printed in the handout and shown in the speaker view, never on the slide. */
const NOTES = 'aside.notes';
/**
 * What the first screen draws besides its text: spaces (a face that did not declare them would leave
 * them to another font, and the text would move when the whole face arrives), the slide's number
 * (`1/9`) and a numbered list's markers (`1.`).
 */
const FIRST_SCREEN_EXTRAS = ' 0123456789/.';

/** The characters the first screen shows, by the faces that draw them. */
export interface FirstScreenCharacters {
  regular: string;
  bold: string;
}

/** The selectors of the theme's rules that set text bold, scoped to a slide (`.reveal h1` → `h1`). */
export function boldSelectors(themeCss: string): string[] {
  const selectors: string[] = [];
  postcss.parse(themeCss).walkRules((rule) => {
    const bold = rule.nodes.some(
      (node) => node.type === 'decl' && node.prop === 'font-weight' && BOLD_WEIGHT.test(node.value.trim()),
    );
    if (bold) selectors.push(...rule.selectors.map((selector) => selector.replace(DECK_SCOPE, '')));
  });
  return selectors;
}

/**
 * The characters the first screen shows (the first slide without its notes, and its number), in
 * code-point order, split by weight: text in a bold element (by default, or by the theme's
 * `themeCss`) for the bold faces, the rest for the others. The subsets a viewer downloads before
 * the deck is ready.
 */
export function firstScreenCharacters(firstSectionHtml: string, themeCss: string): FirstScreenCharacters {
  const tree = fromHtml(firstSectionHtml, { fragment: true });
  for (const notes of selectAll(NOTES, tree)) notes.children = [];
  const boldElements = new Set(selectAll([...BOLD_BY_DEFAULT, ...boldSelectors(themeCss)].join(', '), tree));
  const text = { regular: '', bold: '' };
  const visit = (node: Root | RootContent, bold: boolean): void => {
    if (node.type === 'text') text[bold ? 'bold' : 'regular'] += node.value;
    if (node.type !== 'root' && node.type !== 'element') return;
    const inBold = bold || (node.type === 'element' && boldElements.has(node));
    for (const child of node.children) visit(child, inBold);
  };
  visit(tree, false);
  return {
    regular: sortedCharacters([...FIRST_SCREEN_EXTRAS, ...GENERATED, ...glyphCharacters(text.regular)]),
    bold: sortedCharacters([' ', ...glyphCharacters(text.bold)]),
  };
}
