import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { BrowserType } from 'playwright';
import type { BrowserSession } from '../browser.ts';
import { DeadlineError, withDeadline } from '../deadline.ts';
import { DeckError } from '../errors.ts';
import { MERMAID_CONFIG } from './config.ts';
import type { DiagramSource, PreparedDiagram } from './prepare.ts';
import { fitDiagrams } from './fit.ts';
import { storedDiagram, type StoredDiagram } from './svg.ts';

export interface RenderOptions {
  /**
   * How long one diagram may take to render before the build stops.
   *
   * @default 20000
   */
  timeoutMs?: number;
  /** The build's browser: launched only if a diagram must be rendered, closed to kill a hung render. */
  browser: Pick<BrowserSession, 'get' | 'close' | 'closeContexts'>;
}

/** Mermaid's parser and lexer both say where in the diagram they stopped. */
const PARSE_ERROR_LINE = /^(?:Parse|Lexical) error on line (\d+)/;
const RENDER_PREFIX = 'deck-mermaid-render';
/** The SVG Mermaid draws when it fails without saying so ("Syntax error in text"). */
const ERROR_PICTURE = /aria-roledescription="error"/;
/** After a time-out, how long the renderer may take to give up before its browser is closed. */
const UNWIND_MS = 5_000;

/** Maps Mermaid's message to the slide file: the fence's line plus the diagram's own line. */
function diagramError(source: DiagramSource, message: string): DeckError {
  const diagramLine = Number(PARSE_ERROR_LINE.exec(message)?.[1] ?? 1);
  return new DeckError(source.file, source.line + diagramLine - 1, `Mermaid: ${message.trim()}`);
}

/** Renders diagrams in one browser, by key; a renderer that hangs is killed and the slide named. */
export async function renderBatch(
  diagrams: readonly PreparedDiagram[],
  options: RenderOptions,
): Promise<Map<string, StoredDiagram>> {
  const { createMermaidRenderer } = await import('mermaid-isomorphic');
  const timeoutMs = options.timeoutMs ?? 20_000;
  // mermaid-isomorphic "launches" through this: it gets the build's shared browser.
  const browserType = { launch: () => options.browser.get() } as unknown as BrowserType;
  const render = createMermaidRenderer({ browserType });
  const fontCss = pathToFileURL(createRequire(import.meta.url).resolve('@fontsource/inter/latin-400.css'));
  const rendering = render(
    diagrams.map((d) => d.text),
    { prefix: RENDER_PREFIX, mermaidConfig: MERMAID_CONFIG, css: fontCss },
  );
  // A render abandoned at the time limit fails when its browser is closed; that is expected.
  rendering.catch(() => undefined);
  try {
    const results = await withDeadline(rendering, timeoutMs * diagrams.length, () => 'Mermaid rendering');
    const drawn = results.map((result, index) => {
      const { source } = diagrams[index]!;
      if (result.status === 'rejected') {
        throw diagramError(source, String((result.reason as Error).message ?? result.reason));
      }
      // Mermaid draws some failures as a picture instead of failing: none is ever shipped.
      if (ERROR_PICTURE.test(result.value.svg)) throw diagramError(source, 'drew its error picture, not the diagram');
      return result.value;
    });
    const fitted = await fitDiagrams(
      drawn.map(({ svg }) => svg),
      options.browser,
    );
    return new Map(
      diagrams.map((diagram, index) => [diagram.key, storedDiagram(fitted[index]!, drawn[index]!.id, diagram.source)]),
    );
  } catch (error) {
    if (!(error instanceof DeadlineError)) throw error;
    // Kill the hung page, let the renderer unwind on a live browser, then start afresh.
    // (A page opened after the contexts closed could hang again: the wait is bounded too.)
    await options.browser.closeContexts();
    await Promise.race([rendering.catch(() => undefined), new Promise((done) => setTimeout(done, UNWIND_MS))]);
    await options.browser.close();
    if (diagrams.length === 1) {
      const { source } = diagrams[0]!;
      throw new DeckError(
        source.file,
        source.line,
        `Mermaid: rendering took longer than ${timeoutMs} ms; simplify the diagram`,
      );
    }
    // Find the one that hangs by rendering each alone.
    const found = new Map<string, StoredDiagram>();
    for (const diagram of diagrams) {
      for (const [key, value] of await renderBatch([diagram], options)) found.set(key, value);
    }
    return found;
  }
}
