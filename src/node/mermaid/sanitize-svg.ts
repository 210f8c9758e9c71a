import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import type { Element, Parents } from 'hast';

/** Elements that can run code, embed other documents or carry HTML into an SVG. */
const DROPPED_ELEMENTS = new Set([
  'script',
  'foreignobject',
  'iframe',
  'object',
  'embed',
  'audio',
  'video',
  'image',
  'style',
  'filter',
]);
/** Attributes whose value is a URL: only same-document fragments (`#id`) may stay. */
const URL_PROPERTIES = new Set(['href', 'xLinkHref', 'src', 'action', 'formAction']);
const EVENT_HANDLER = /^on/i;
const SAME_DOCUMENT_URL = /^#[\w-]+$/;
/** `url(...)` to anything but a fragment of this document, or an `@import`. */
const FOREIGN_CSS_REFERENCE = /url\(\s*(?!['"]?#)|@import|expression\(|javascript:/i;
/** Chromium prints filtered groups as bitmaps; diagrams must stay vector. */
const CSS_FILTER = /(^|[;{\s])filter\s*:[^;}]*;?/gi;

/**
 * Rebuilds an SVG keeping only inert drawing: no scripts, event handlers, links to other
 * documents, external URLs, embedded HTML, `<style>` elements or filters.
 */
export function sanitizeSvg(svg: string, rootClass?: string): string {
  const tree = fromHtml(svg, { fragment: true });
  cleanChildren(tree);
  const root = tree.children.find((node) => node.type === 'element');
  if (root && rootClass) {
    const classes = root.properties.className;
    root.properties.className = [...(Array.isArray(classes) ? classes : []), rootClass];
  }
  return toHtml(tree, { space: 'svg' });
}

/** Removes what CSS could use to reach outside the page or to rasterise a diagram; `null` if unsafe. */
export function sanitizeCss(css: string): string | null {
  if (FOREIGN_CSS_REFERENCE.test(css)) return null;
  return css.replace(CSS_FILTER, '$1');
}

function cleanChildren(parent: Parents): void {
  parent.children = parent.children.flatMap((child) => {
    if (child.type === 'comment' || child.type === 'doctype') return [];
    if (child.type !== 'element') return [child];
    const name = child.tagName.toLowerCase();
    if (DROPPED_ELEMENTS.has(name)) return [];
    cleanChildren(child);
    // A link is unwrapped rather than dropped, so its label stays readable.
    if (name === 'a') return child.children;
    cleanProperties(child);
    return [child];
  });
}

function cleanProperties(element: Element): void {
  for (const [name, value] of Object.entries(element.properties)) {
    const text = Array.isArray(value) ? value.join(' ') : String(value);
    const unsafe =
      EVENT_HANDLER.test(name) ||
      name === 'filter' ||
      (URL_PROPERTIES.has(name) && !SAME_DOCUMENT_URL.test(text)) ||
      /javascript:/i.test(text) ||
      (name === 'style' && FOREIGN_CSS_REFERENCE.test(text));
    if (unsafe) delete element.properties[name];
    else if (name === 'style') element.properties[name] = text.replace(CSS_FILTER, '$1');
  }
}
