import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import type { Element, Nodes } from 'hast';

/** Attributes (as hast names them) whose value is a URL the browser may follow or load. */
const URL_ATTRIBUTES = new Set(['href', 'xLinkHref', 'src', 'action', 'formAction']);
/** `onclick`, `onload`, …: hast names them `onClick`, `onLoad`. */
const EVENT_ATTRIBUTE = /^on/i;
/** Browsers drop leading spaces and controls from a URL, and tabs and line breaks anywhere in it. */
const IGNORED_IN_URL = /^[\p{Cc} ]+|[\t\n\r]/gu;
const JAVASCRIPT_URL = /^javascript:/i;
/**
 * A diagram's drawing is `<svg id="diagram-<key>">` (`-<n>` for a second showing), described by the
 * figure's caption, `diagram-<key>-description`; its render is stored as `<key>.json`.
 */
const DIAGRAM_SVG_ID = /^diagram-([0-9a-f]+)(?:-\d+)?$/;
const DIAGRAM_DESCRIPTION_ID = /^diagram-([0-9a-f]+)(?:-\d+)?-description$/;
/** How much of an element an error quotes. */
const SNIPPET_CHARS = 120;
const WHITESPACE_RUN = /\s+/g;

/**
 * In inline code, `</script` would end the element early and `<!--` … `<script` would stop the
 * real end tag from ending it (the speaker view's popup HTML has both). `\x3C` is `<` in JS
 * strings, templates and regexes alike, where alone these can occur.
 */
const HTML_IN_SCRIPT = /<(?=\/script|!--|script)/gi;

/** JavaScript `code` as the text of an inline `<script>`: the same program, which no markup in it can end early. */
export const scriptElementText = (code: string): string => code.replace(HTML_IN_SCRIPT, '\\x3C');

/** Code in the page that the build did not put there. */
export interface ForeignScript {
  /** The file it came from, as far as the page tells: the diagram's render, else the slide; undefined outside the slides. */
  file: string | undefined;
  /** What it is, where it sits and a snippet of the element, in one line. */
  description: string;
}

export interface PageScriptCheckOptions {
  /** The inline scripts the build itself put in the page (by their exact text). */
  allowedScripts: readonly string[];
  /** Where diagram renders are stored (as the user can paste it), to name the file a diagram came from. */
  renderedDir?: string;
}

/**
 * Everything in a finished page that would run code the build did not put there: an inline
 * `<script>` other than `allowedScripts`, an event attribute (`onload=`) or a `javascript:` URL.
 * Each is described with where it came from (the slide file, and the render file for a diagram)
 * and a snippet of the element; an empty list means the page is clean.
 */
export function foreignScripts(html: string, { allowedScripts, renderedDir }: PageScriptCheckOptions): ForeignScript[] {
  const allowed = new Set(allowedScripts);
  const found: ForeignScript[] = [];
  const visit = (node: Nodes, place: Place): void => {
    if (node.type === 'element') {
      place = placeOf(node, place, renderedDir);
      // Only a finding is described: serialising every element of a single-file page would be slow.
      const report = (what: string): void => {
        found.push({
          file: place.renderFile ?? place.slideFile,
          description: `${what}, ${describePlace(place)}: ${snippet(node)}`,
        });
      };
      if (node.tagName === 'script' && node.properties.src === undefined && !allowed.has(textOf(node))) {
        report('an inline script the build did not put there');
      }
      for (const [name, value] of Object.entries(node.properties)) {
        if (EVENT_ATTRIBUTE.test(name)) report(`an event attribute (${name.toLowerCase()})`);
        else if (URL_ATTRIBUTES.has(name) && JAVASCRIPT_URL.test(String(value).replace(IGNORED_IN_URL, ''))) {
          report('a javascript: URL');
        }
      }
    }
    if ('children' in node) for (const child of node.children) visit(child, place);
  };
  visit(fromHtml(html), {});
  return found;
}

/** Where in the deck an element sits: the slide's file, and the diagram's render if it is in one. */
interface Place {
  slideFile?: string;
  renderFile?: string;
}

function placeOf(element: Element, outer: Place, renderedDir: string | undefined): Place {
  const slideFile = element.properties.dataFile;
  if (element.tagName === 'section' && typeof slideFile === 'string') return { ...outer, slideFile };
  const diagramKey =
    element.tagName === 'figure'
      ? DIAGRAM_DESCRIPTION_ID.exec(String(element.properties.ariaDescribedBy ?? ''))?.[1]
      : element.tagName === 'svg'
        ? DIAGRAM_SVG_ID.exec(String(element.properties.id ?? ''))?.[1]
        : undefined;
  if (diagramKey !== undefined) {
    return { ...outer, renderFile: `${renderedDir ?? '.rendered'}/${diagramKey}.json` };
  }
  return outer;
}

function describePlace({ slideFile, renderFile }: Place): string {
  if (renderFile !== undefined) return `in the diagram of ${slideFile ?? 'a slide'} (rendered in ${renderFile})`;
  if (slideFile !== undefined) return `in the slide ${slideFile}`;
  return 'outside the slides (index.html or a build plugin)';
}

function textOf(element: Element): string {
  return element.children.map((child) => (child.type === 'text' ? child.value : '')).join('');
}

/** The element's start tag and the beginning of its content, on one line. */
function snippet(element: Element): string {
  const text = toHtml(element).replace(WHITESPACE_RUN, ' ');
  return text.length > SNIPPET_CHARS ? `${text.slice(0, SNIPPET_CHARS)}…` : text;
}
