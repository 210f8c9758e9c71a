import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright';
import { drawDiagram } from '../../client/draw-diagram.ts';
import type { BrowserSession } from '../browser.ts';
import { DeadlineError, withDeadline } from '../deadline.ts';
import { DeckError } from '../errors.ts';
import { draws, type FontFace } from '../fonts/font-faces.ts';
import type { DiagramSource, PreparedDiagram } from './prepare.ts';
import { fitDiagrams } from './fit.ts';
import { storedDiagram, type StoredDiagram } from './svg.ts';

export interface RenderOptions {
  /**
   * How long one diagram may take to draw before the build stops, however many others wait.
   *
   * @default 20000
   */
  timeoutMs?: number;
  /** The build's browser: launched only if a diagram must be drawn, closed to kill a hung drawing. */
  browser: Pick<BrowserSession, 'get' | 'close'>;
  /** The deck's fonts (Inter, then deck.yml's): diagrams are drawn and measured in them, as slides show them. */
  fonts: readonly FontFace[];
}

/** Mermaid's parser and lexer both say where in the diagram they stopped. */
const PARSE_ERROR_LINE = /^(?:Parse|Lexical) error on line (\d+)/;
/** The id of a drawing's root element; svg.ts replaces it with the diagram's own. */
const DRAWING_ID = 'deck-mermaid-render-0';
/** The SVG Mermaid draws when it fails without saying so ("Syntax error in text"). */
const ERROR_PICTURE = /aria-roledescription="error"/;
/** Mermaid's browser build: loaded once per browser, in its drawing page. */
const MERMAID_SCRIPT = 'mermaid/dist/mermaid.min.js';

/** Maps Mermaid's message to the slide file: the fence's line plus the diagram's own line. */
function diagramError(source: DiagramSource, message: string): DeckError {
  const diagramLine = Number(PARSE_ERROR_LINE.exec(message)?.[1] ?? 1);
  return new DeckError(source.file, source.line + diagramLine - 1, `Mermaid: ${message.trim()}`);
}

/** `@font-face` rules for the faces that draw some of `text`, their files inlined (the page has no origin). */
async function fontFaceCss(fonts: readonly FontFace[], text: string): Promise<string> {
  const characters = [...new Set(text)];
  const used = fonts.filter((face) => characters.some((character) => draws(face, character)));
  const rules = await Promise.all(
    used.map(async (face) => {
      const data = (await readFile(face.file)).toString('base64');
      const range = face.unicodeRange ? ` unicode-range: ${face.unicodeRange};` : '';
      return `@font-face { font-family: '${face.family}'; font-style: ${face.style}; font-weight: ${face.weight}; src: url(data:font/woff2;base64,${data});${range} }`;
    }),
  );
  return rules.join('\n');
}

/** The drawing page's stylesheet for the fonts of the batch it draws. */
const FONTS_STYLE_ID = 'deck-fonts';

/**
 * Each browser session's drawing page, Mermaid loaded once: loading it (3.5 MB of script) takes
 * longer than drawing a diagram, and a dev session draws again at each diagram edit. One batch at a
 * time uses it (two reads of a quickly edited deck can overlap); `idle` is when the last one ends.
 */
const drawingPages = new WeakMap<RenderOptions['browser'], { page?: Promise<Page>; idle: Promise<unknown> }>();

async function openDrawingPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  await page.setContent(`<style id="${FONTS_STYLE_ID}"></style>`);
  await page.addScriptTag({ path: createRequire(import.meta.url).resolve(MERMAID_SCRIPT) });
  return page;
}

/** Runs `draw` in the session's drawing page, alone, with the deck's fonts that `text` needs. */
function inDrawingPage<T>(options: RenderOptions, text: string, draw: (page: Page) => Promise<T>): Promise<T> {
  const drawing = drawingPages.get(options.browser) ?? { idle: Promise.resolve() };
  drawingPages.set(options.browser, drawing);
  const turn = drawing.idle.then(async () => {
    // Asked now, not when queued: a batch ahead that hung closed the browser, and a new one starts.
    const browser = await options.browser.get();
    const open = await drawing.page?.catch(() => undefined);
    if (!open || open.isClosed() || open.context().browser() !== browser) drawing.page = openDrawingPage(browser);
    const page = await drawing.page!;
    const css = await fontFaceCss(options.fonts, text);
    // Every face loaded before Mermaid measures a label to wrap it: one measured in a fallback font
    // while the face still loads wraps differently from one drawn a moment later.
    await page.evaluate(
      `document.getElementById(${JSON.stringify(FONTS_STYLE_ID)}).textContent = ${JSON.stringify(css)};
       Promise.all(Array.from(document.fonts, (face) => face.load())).then(() => undefined)`,
    );
    return draw(page);
  });
  drawing.idle = turn.catch(() => undefined);
  return turn;
}

/**
 * Draws diagrams one after another in one page of the build's browser, then fits them, by key. Each
 * drawing has its own time limit: one that hangs stops the build naming its slide within that
 * limit, and the browser is closed to kill it.
 */
export async function renderBatch(
  diagrams: readonly PreparedDiagram[],
  options: RenderOptions,
): Promise<Map<string, StoredDiagram>> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const text = diagrams.map((diagram) => diagram.text).join('');
  return inDrawingPage(options, text, async (page) => {
    let hung = false;
    try {
      const drawn: string[] = [];
      for (const { text, source, config } of diagrams) {
        const drawing = page.evaluate(drawDiagram, { id: DRAWING_ID, text, config });
        // Abandoned at the time limit, it fails when the browser closes: that is expected.
        drawing.catch(() => undefined);
        const result = await withDeadline(drawing, timeoutMs, () => 'Mermaid drawing').catch((error: unknown) => {
          if (!(error instanceof DeadlineError)) throw error;
          hung = true;
          throw new DeckError(
            source.file,
            source.line,
            `Mermaid: rendering took longer than ${timeoutMs} ms; simplify the diagram`,
          );
        });
        if ('error' in result) throw diagramError(source, result.error);
        // Mermaid draws some failures as a picture instead of failing: none is ever shipped.
        if (ERROR_PICTURE.test(result.svg)) throw diagramError(source, 'drew its error picture, not the diagram');
        drawn.push(result.svg);
      }
      const fitted = await fitDiagrams(page, drawn);
      if (fitted.length !== drawn.length) {
        throw new Error(`Mermaid: fitted ${fitted.length} drawings for the ${drawn.length} drawn; nothing was stored`);
      }
      return new Map(
        diagrams.map((diagram, index) => [diagram.key, storedDiagram(fitted[index]!, DRAWING_ID, diagram.source)]),
      );
    } finally {
      // A hung drawing holds the page's only thread: the browser goes with it (the next build starts
      // afresh). Otherwise the page stays for the next batch, and closes with the browser.
      if (hung) await options.browser.close();
    }
  });
}
