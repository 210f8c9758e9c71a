import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { BrowserType } from 'playwright';
import type { BrowserSession } from '../browser.ts';
import type { MermaidConfig } from 'mermaid';
import { DeckError } from '../errors.ts';
import type { RenderStore } from '../render-store.ts';
import { escapeHtml } from '../deck/markdown.ts';
import { sanitizeCss, sanitizeSvg } from './sanitize-svg.ts';
import { fontFamily, palette } from '../../shared/palette.ts';

/** One ```mermaid fence of a slide. */
export interface DiagramSource {
  /** The diagram text, as written in the fence. */
  code: string;
  /** The slide file, for error messages. */
  file: string;
  /** 1-based line in `file` of the diagram's first line. */
  line: number;
}

export interface MermaidOptions {
  /** Where rendered diagrams are kept between builds, keyed by a hash of their inputs. */
  store: Pick<RenderStore, 'read' | 'write'>;
  /**
   * How long one diagram may take to render before the build stops.
   *
   * @default 20000
   */
  timeoutMs?: number;
  /** The build's browser: launched only if a diagram must be rendered, closed to kill a hung render. */
  browser: Pick<BrowserSession, 'get' | 'close' | 'closeContexts'>;
}

export interface RenderedDiagrams {
  /** The `<figure>` holding each diagram's SVG, in the order of the sources. */
  figures: string[];
  /** The diagrams' stylesheets, each once however many diagrams share it. */
  css: string;
  /** How many diagrams had to be rendered (0 when all came from the cache). */
  rendered: number;
}

/** What the cache keeps of one rendered diagram: SVG with its ids under `ID_TOKEN`, and its style. */
interface CachedDiagram {
  svg: string;
  styleClass: string;
  css: string;
}

interface PreparedDiagram {
  source: DiagramSource;
  /** The text handed to Mermaid: comments blanked out so Mermaid's line numbers match the file's. */
  text: string;
  title: string;
  description: string;
  key: string;
}

const MERMAID_VERSION: string = (createRequire(import.meta.url)('mermaid/package.json') as { version: string }).version;

/** The deck's Mermaid settings: strict security, SVG text labels only, the deck's font and colours. */
const MERMAID_CONFIG: MermaidConfig = {
  theme: 'base',
  securityLevel: 'strict',
  htmlLabels: false,
  flowchart: { htmlLabels: false },
  fontFamily,
  themeVariables: {
    fontFamily,
    fontSize: '20px',
    background: palette.background,
    primaryColor: palette.accentSoft,
    primaryTextColor: palette.text,
    primaryBorderColor: palette.accent,
    lineColor: palette.muted,
    textColor: palette.text,
    cScale0: palette.accentSoft,
    cScale1: palette.warmSoft,
    cScale2: palette.greenSoft,
    cScaleLabel0: palette.text,
    cScaleLabel1: palette.text,
    cScaleLabel2: palette.text,
  },
  // The timeline brightens its events with a CSS filter, which Chromium prints as a bitmap.
  themeCSS: '.eventWrapper{filter:none}',
};

const DIRECTIVE = /^\s*%%\{/;
const COMMENT = /^\s*%%/;
const ACC_TITLE = /^\s*accTitle\s*:\s*(.+?)\s*$/m;
const ACC_DESCR = /^\s*accDescr\s*:\s*(.+?)\s*$/m;
/** Mermaid's parser and lexer both say where in the diagram they stopped. */
const PARSE_ERROR_LINE = /^(?:Parse|Lexical) error on line (\d+)/;
const RENDER_PREFIX = 'deck-mermaid-render';
/** After a time-out, how long the renderer may take to give up before its browser is closed. */
const UNWIND_MS = 5_000;
const ID_TOKEN = 'DIAGRAM_ID_TOKEN';
const VIEW_BOX_WIDTH = /viewBox="[-\d.]+ [-\d.]+ ([\d.]+) [\d.]+"/;
/** Mermaid's style rules start with `#<svg id>`; ids inside it (`#<svg id>-gradient`) do not match. */
const SCOPE_SELECTOR = new RegExp(`#${ID_TOKEN}(?![\\w-])`, 'g');
const SCOPE_PLACEHOLDER = '\u0000';

/**
 * Checks a diagram and readies it for Mermaid. Directives and diagram front matter are refused:
 * they could loosen the deck's security settings, and the deck sets the look in one place.
 */
export function prepareDiagram(source: DiagramSource): PreparedDiagram {
  const lines = source.code.split('\n');
  lines.forEach((line, index) => {
    if (DIRECTIVE.test(line)) {
      throw new DeckError(
        source.file,
        source.line + index,
        "Mermaid: %%{…}%% directives are not allowed; the deck sets Mermaid's configuration",
      );
    }
  });
  if (lines[0]?.trim() === '---') {
    throw new DeckError(
      source.file,
      source.line,
      "Mermaid: diagram front matter is not allowed; the deck sets Mermaid's configuration",
    );
  }
  const title = ACC_TITLE.exec(source.code)?.[1];
  const description = ACC_DESCR.exec(source.code)?.[1];
  if (!title || !description) {
    const missing = [title ? '' : 'accTitle', description ? '' : 'accDescr'].filter(Boolean).join(' and ');
    throw new DeckError(
      source.file,
      source.line,
      `Mermaid: ${missing} missing; every diagram needs a title and a description for screen readers and the PDF`,
    );
  }
  const text = lines.map((line) => (COMMENT.test(line) ? '' : line)).join('\n');
  const key = createHash('sha256')
    .update(JSON.stringify([MERMAID_VERSION, MERMAID_CONFIG, text]))
    .digest('hex')
    .slice(0, 16);
  return { source, text, title, description, key };
}

/** Turns Mermaid's SVG into the cached form: ids under a token, style pulled out and shared, sanitised. */
function finishSvg(svg: string, renderId: string, source: DiagramSource): CachedDiagram {
  // `prefix-1` must not also rename `prefix-10`; markers append `_name`, other ids `-name`.
  const withToken = svg.replace(new RegExp(`${renderId}(?!\\d)`, 'g'), ID_TOKEN);
  const styleMatch = /<style>([\s\S]*?)<\/style>/.exec(withToken);
  const rawCss = styleMatch?.[1] ?? '';
  // Mermaid scopes its style to the SVG's id; scoping it to a class lets diagrams of one type share it.
  const scoped = rawCss.replace(SCOPE_SELECTOR, SCOPE_PLACEHOLDER);
  const styleClass = `mermaid-style-${createHash('sha256').update(scoped).digest('hex').slice(0, 10)}`;
  // What still names the diagram's own ids (the "neo" look's gradients, unused by the deck's classic
  // look) cannot be shared; it is pointed at the shared class, which no element has as id.
  const css = sanitizeCss(scoped.replaceAll(SCOPE_PLACEHOLDER, `.${styleClass}`).replaceAll(ID_TOKEN, styleClass));
  if (css === null) {
    throw new DeckError(
      source.file,
      source.line,
      "Mermaid: the diagram's style refers to another document (url() or @import); remove it",
    );
  }
  return { svg: sanitizeSvg(withToken, styleClass), styleClass, css };
}

/** Maps Mermaid's message to the slide file: the fence's line plus the diagram's own line. */
function diagramError(source: DiagramSource, message: string): DeckError {
  const diagramLine = Number(PARSE_ERROR_LINE.exec(message)?.[1] ?? 1);
  return new DeckError(source.file, source.line + diagramLine - 1, `Mermaid: ${message.trim()}`);
}

/**
 * The diagram as an image with a name (its accTitle) and a description (its accDescr). A PDF figure
 * has only Alt text; the print view joins the two there (`src/client/print-accessibility.ts`).
 */
function figureHtml(diagram: PreparedDiagram, svg: string, id: string): string {
  // The drawing's own width: the phone layout never enlarges a diagram past it (theme.css).
  const width = Number(VIEW_BOX_WIDTH.exec(svg)?.[1] ?? 0);
  const style = width > 0 ? ` style="--diagram-width: ${Math.ceil(width)}px"` : '';
  return [
    `<figure class="diagram"${style} role="img" aria-label="${escapeHtml(diagram.title)}" aria-describedby="${id}-description">`,
    svg.replaceAll(ID_TOKEN, id),
    `<figcaption id="${id}-description" class="visually-hidden">${escapeHtml(diagram.description)}</figcaption>`,
    '</figure>',
  ].join('');
}

/**
 * Renders every diagram of the deck: from the cache where it can, else all at once in one browser,
 * which is launched only when something is missing from the cache.
 */
export async function renderDiagrams(
  sources: readonly DiagramSource[],
  options: MermaidOptions,
): Promise<RenderedDiagrams> {
  const prepared = sources.map(prepareDiagram);
  if (prepared.length === 0) return { figures: [], css: '', rendered: 0 };
  const cached = new Map<string, CachedDiagram>();
  for (const diagram of prepared) {
    const hit = await options.store.read(`${diagram.key}.json`);
    if (hit) cached.set(diagram.key, JSON.parse(hit.toString('utf8')) as CachedDiagram);
  }
  const missing = [...new Map(prepared.filter((d) => !cached.has(d.key)).map((d) => [d.key, d])).values()];
  if (missing.length > 0) {
    const fresh = await renderBatch(missing, options);
    for (const { key, source } of missing) {
      const diagram = fresh.get(key)!;
      cached.set(key, diagram);
      await options.store.write(`${key}.json`, JSON.stringify(diagram), `the diagram of ${source.file}:${source.line}`);
    }
  }
  const seen = new Map<string, number>();
  const styles = new Map<string, string>();
  const figures = prepared.map((diagram) => {
    const { svg, styleClass, css } = cached.get(diagram.key)!;
    styles.set(styleClass, css);
    const count = (seen.get(diagram.key) ?? 0) + 1;
    seen.set(diagram.key, count);
    return figureHtml(diagram, svg, `diagram-${diagram.key}${count > 1 ? `-${count}` : ''}`);
  });
  return { figures, css: [...styles.values()].join('\n'), rendered: missing.length };
}

/** Renders diagrams in one browser; a renderer that hangs is killed and the slide named. */
async function renderBatch(diagrams: PreparedDiagram[], options: MermaidOptions): Promise<Map<string, CachedDiagram>> {
  const { createMermaidRenderer } = await import('mermaid-isomorphic');
  const timeoutMs = options.timeoutMs ?? 20_000;
  // mermaid-isomorphic "launches" through this: it gets the build's shared browser.
  const browserType = { launch: () => options.browser.get() } as unknown as BrowserType;
  const render = createMermaidRenderer({ browserType });
  const fontCss = pathToFileURL(createRequire(import.meta.url).resolve('@fontsource/inter/latin-400.css'));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), timeoutMs * diagrams.length);
  });
  let rendering: ReturnType<typeof render> | undefined;
  try {
    rendering = render(
      diagrams.map((d) => d.text),
      { prefix: RENDER_PREFIX, mermaidConfig: MERMAID_CONFIG, css: fontCss },
    );
    // A render abandoned at the time limit fails when its browser is closed; that is expected.
    rendering.catch(() => undefined);
    const results = await Promise.race([rendering, timeout]);
    return new Map(
      results.map((result, index) => {
        const diagram = diagrams[index]!;
        if (result.status === 'rejected') {
          throw diagramError(diagram.source, String((result.reason as Error).message ?? result.reason));
        }
        return [diagram.key, finishSvg(result.value.svg, result.value.id, diagram.source)];
      }),
    );
  } catch (error) {
    if (error instanceof Error && error.message === 'timeout') {
      // Kill the hung page, let the renderer unwind on a live browser, then start afresh.
      // (A page opened after the contexts closed could hang again: the wait is bounded too.)
      await options.browser.closeContexts();
      await Promise.race([rendering?.catch(() => undefined), new Promise((done) => setTimeout(done, UNWIND_MS))]);
      await options.browser.close();
      if (diagrams.length === 1) {
        const [{ source }] = diagrams as [PreparedDiagram];
        throw new DeckError(
          source.file,
          source.line,
          `Mermaid: rendering took longer than ${timeoutMs} ms; simplify the diagram`,
        );
      }
      // Find the one that hangs by rendering each alone.
      const found = new Map<string, CachedDiagram>();
      for (const diagram of diagrams) {
        for (const [key, value] of await renderBatch([diagram], options)) found.set(key, value);
      }
      return found;
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
