import { escapeHtml } from '../html.ts';
import { DeckError } from '../errors.ts';
import { contentKey } from '../cache.ts';
import type { DiagramSource, PreparedDiagram } from './prepare.ts';
import { sanitizeCss, unsafeCssConstruct } from './sanitize-css.ts';
import { sanitizeSvg } from './sanitize-svg.ts';

/** What the store keeps of one rendered diagram: SVG with its ids under `ID_TOKEN`, and its style. */
export interface StoredDiagram {
  svg: string;
  styleClass: string;
  css: string;
}

/** Stands for the diagram's id in a stored SVG; each figure puts its own id there. */
const ID_TOKEN = 'DIAGRAM_ID_TOKEN';
const VIEW_BOX = /viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"/;
/** Mermaid's style rules start with `#<svg id>`; ids inside it (`#<svg id>-gradient`) do not match. */
const SCOPE_SELECTOR = new RegExp(`#${ID_TOKEN}(?![\\w-])`, 'g');
const SCOPE_PLACEHOLDER = '\u0000';

/** Turns Mermaid's SVG into the cached form: ids under a token, style pulled out and shared, sanitised. */
export function storedDiagram(svg: string, renderId: string, source: DiagramSource): StoredDiagram {
  // `prefix-1` must not also rename `prefix-10`; markers append `_name`, other ids `-name`.
  const withToken = svg.replace(new RegExp(`${renderId}(?!\\d)`, 'g'), ID_TOKEN);
  const styleMatch = /<style>([\s\S]*?)<\/style>/.exec(withToken);
  const rawCss = styleMatch?.[1] ?? '';
  // Mermaid scopes its style to the SVG's id; scoping it to a class lets diagrams of one type share it.
  const scoped = rawCss.replace(SCOPE_SELECTOR, SCOPE_PLACEHOLDER);
  const styleClass = `mermaid-style-${contentKey(scoped)}`;
  // What still names the diagram's own ids (the "neo" look's gradients, unused by the deck's classic
  // look) cannot be shared; it is pointed at the shared class, which no element has as id.
  const css = sanitizeCss(scoped.replaceAll(SCOPE_PLACEHOLDER, `.${styleClass}`).replaceAll(ID_TOKEN, styleClass));
  if (css === null) {
    throw new DeckError(
      source.file,
      source.line,
      `Mermaid: the diagram's style holds ${unsafeCssConstruct(scoped) ?? 'what no diagram may carry'}, which could reach another document or run code; remove it`,
    );
  }
  return { svg: sanitizeSvg(withToken, styleClass), styleClass, css };
}

/** The size of a drawing in its own units (its viewBox); 0 × 0 if it has none. */
export function viewBoxSize(svg: string): { width: number; height: number } {
  const match = VIEW_BOX.exec(svg);
  return { width: Number(match?.[1] ?? 0), height: Number(match?.[2] ?? 0) };
}

/**
 * The diagram as an image with a name (its accTitle) and a description (its accDescr). A PDF figure
 * has only Alt text; the print view joins the two there (`src/client/print-accessibility.ts`).
 */
export function figureHtml(diagram: PreparedDiagram, svg: string, id: string): string {
  // The drawing's own size: the theme scales a diagram from it, within limits.
  const { width, height } = viewBoxSize(svg);
  const style =
    width > 0 ? ` style="--diagram-width: ${Math.ceil(width)}px; --diagram-height: ${Math.ceil(height)}px"` : '';
  return [
    `<figure class="diagram"${style} role="img" aria-label="${escapeHtml(diagram.title)}" aria-describedby="${id}-description">`,
    svg.replaceAll(ID_TOKEN, id),
    `<figcaption id="${id}-description" class="visually-hidden">${escapeHtml(diagram.description)}</figcaption>`,
    '</figure>',
  ].join('');
}
