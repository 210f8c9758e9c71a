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

/**
 * Mermaid 11.17's top-down timeline names its ids `undefined-…` instead of after the drawing, and
 * points its axis at `#arrowhead`, which no element is: both are given the drawing's own id, as in
 * every other diagram, so two such drawings on one page never share an id.
 */
const UNNAMED_ID = /\bid="undefined-/g;
const UNNAMED_ARROWHEAD = /url\(#arrowhead\)/g;

/** Turns Mermaid's SVG into the cached form: ids under a token, style pulled out and shared, sanitised. */
export function storedDiagram(svg: string, renderId: string, source: DiagramSource): StoredDiagram {
  const named = svg.replace(UNNAMED_ID, `id="${renderId}-`).replace(UNNAMED_ARROWHEAD, `url(#${renderId}-arrowhead)`);
  // `prefix-1` must not also rename `prefix-10`; markers append `_name`, other ids `-name`.
  const withToken = named.replace(new RegExp(`${renderId}(?!\\d)`, 'g'), ID_TOKEN);
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

/** Marks a diagram's narrow variant; the phone layout shows it instead of the drawing for the slide. */
const NARROW_MARK = 'data-layout="narrow"';

/** One of a figure's drawings: its stored SVG and the id it takes in the page. */
export interface Drawing {
  svg: string;
  id: string;
}

/**
 * The diagram as an image with a name (its accTitle) and a description (its accDescr). A PDF figure
 * has only Alt text; the print view joins the two there (`src/client/print-accessibility.ts`).
 * `narrow`, its top-down variant, shows instead on phones (narrow-layout.css).
 */
export function figureHtml(diagram: PreparedDiagram, wide: Drawing, narrow?: Drawing): string {
  // The drawings' own sizes: the theme scales a diagram from them, within limits.
  const sizeOf = ({ svg }: Drawing, prefix: string): string[] => {
    const { width, height } = viewBoxSize(svg);
    return width > 0 ? [`--${prefix}-width: ${Math.ceil(width)}px`, `--${prefix}-height: ${Math.ceil(height)}px`] : [];
  };
  const sizes = [...sizeOf(wide, 'diagram'), ...(narrow ? sizeOf(narrow, 'diagram-narrow') : [])];
  const style = sizes.length > 0 ? ` style="${sizes.join('; ')}"` : '';
  return [
    `<figure class="diagram"${style} role="img" aria-label="${escapeHtml(diagram.title)}" aria-describedby="${wide.id}-description">`,
    wide.svg.replaceAll(ID_TOKEN, wide.id),
    narrow ? narrow.svg.replaceAll(ID_TOKEN, narrow.id).replace(/^<svg\b/, `<svg ${NARROW_MARK}`) : '',
    `<figcaption id="${wide.id}-description" class="visually-hidden">${escapeHtml(diagram.description)}</figcaption>`,
    '</figure>',
  ].join('');
}
