/**
 * A diagram's SVG made to stand alone (pure: markup and the page's CSS in, markup out): the deck
 * styles its drawings from the page's stylesheet (`.mermaid-style-<hash> …` rules), which a
 * PowerPoint picture does not have, and PowerPoint and LibreOffice read few stylesheet rules inside
 * an SVG anyway. So each rule that names the drawing's style class is written onto the elements it
 * matches, as their `style`; the drawing's own inline styles still win.
 */
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { toHtml } from 'hast-util-to-html';
import postcss, { type Rule } from 'postcss';

/** The class the build gives a drawing for its stylesheet rules. */
const STYLE_CLASS = /^mermaid-style-[\w-]+$/;

/** `markup` (one `<svg>`) with the rules of `css` for its style class written onto its elements. */
export function inlineSvgStyles(markup: string, css: string): string {
  const tree: Root = fromHtml(markup, { fragment: true, space: 'svg' });
  const svg = tree.children.find((node): node is Element => node.type === 'element' && node.tagName === 'svg');
  if (!svg) throw new Error('expected one <svg> element to inline the styles of');
  const className = (Array.isArray(svg.properties.className) ? svg.properties.className : [])
    .map(String)
    .find((name) => STYLE_CLASS.test(name));
  // A drawing without a style class of its own carries its styles already.
  if (!className) return markup;
  const declarations = new Map<Element, string[]>();
  postcss.parse(css).walkRules((rule: Rule) => {
    // Keyframes' steps are rules too; they style no element.
    if (rule.parent?.type === 'atrule') return;
    const text = rule.nodes.flatMap((node) => (node.type === 'decl' ? [`${node.prop}: ${node.value}`] : []));
    for (const selector of rule.selectors.filter((one) => one.trim().startsWith(`.${className}`))) {
      for (const element of selectAll(selector, tree)) {
        declarations.set(element, [...(declarations.get(element) ?? []), ...text]);
      }
    }
  });
  for (const [element, styles] of declarations) {
    const own = element.properties.style === undefined ? [] : [String(element.properties.style)];
    element.properties.style = [...styles, ...own].join('; ');
  }
  return toHtml(tree, { space: 'svg' });
}
