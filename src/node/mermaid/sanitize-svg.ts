import { fromHtml } from 'hast-util-from-html';
import { sanitize } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import type { Element, Nodes, Parents, Root } from 'hast';
import { sanitizeCss } from './sanitize-css.ts';
import { SVG_SCHEMA } from './svg-schema.ts';

/**
 * Rebuilds an SVG keeping only inert drawing (the allowlist `SVG_SCHEMA`): no scripts, event
 * handlers, animation, embedded HTML or images, `<style>` elements or filters, no `url()` or link
 * but to a fragment of the page; a `style` attribute keeps only what `sanitizeCss` allows.
 * `rootClass` is added to the root element's classes.
 */
export function sanitizeSvg(svg: string, rootClass?: string): string {
  const tree = cleanSvgTree(fromHtml(svg, { fragment: true }));
  const root = tree.children.find((node) => node.type === 'element');
  if (root && rootClass) {
    const classes = root.properties.className;
    root.properties.className = [...(Array.isArray(classes) ? classes : []), rootClass];
  }
  return toHtml(tree, { space: 'svg' });
}

/** The sanitised tree: what `sanitizeSvg` keeps of `tree`. */
function cleanSvgTree(tree: Root): Root {
  unwrapLinks(tree);
  const clean = sanitize(tree, SVG_SCHEMA);
  const root: Root =
    clean.type === 'root' ? clean : { type: 'root', children: clean.type === 'doctype' ? [] : [clean] };
  for (const element of elementsOf(root)) cleanStyle(element);
  return root;
}

/** A link is unwrapped rather than dropped, so its label stays readable. */
function unwrapLinks(parent: Parents): void {
  parent.children = parent.children.flatMap((child) => {
    // The sanitiser drops these too; dropping them here lets the rest type as element content.
    if (child.type === 'comment' || child.type === 'doctype') return [];
    if (child.type !== 'element') return [child];
    unwrapLinks(child);
    return child.tagName.toLowerCase() === 'a' ? child.children : [child];
  });
}

function cleanStyle(element: Element): void {
  const style = element.properties.style;
  if (style === undefined) return;
  const clean = sanitizeCss(String(style));
  if (clean === null) delete element.properties.style;
  else element.properties.style = clean;
}

function elementsOf(node: Nodes): Element[] {
  const own = node.type === 'element' ? [node] : [];
  const children = 'children' in node ? node.children.flatMap(elementsOf) : [];
  return [...own, ...children];
}
