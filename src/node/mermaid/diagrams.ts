import { join } from 'node:path';
import { typeScale } from '../../shared/type-scale.ts';
import { DeckError } from '../errors.ts';
import { displayPath } from '../paths.ts';
import type { RenderStore } from '../render-store.ts';
import { shownTextPx, SMALLEST_TEXT_PX, type Size } from './legibility.ts';
import { fontFamilies } from '../fonts/font-faces.ts';
import { mermaidConfig } from './config.ts';
import { diagramKey, prepareDiagram, type DiagramSource } from './prepare.ts';
import { renderBatch, type RenderOptions } from './render.ts';
import { unfoldSteps } from './steps.ts';
import { parseStoredDiagram } from './stored-diagram.ts';
import { figureHtml, viewBoxSize, type StoredDiagram } from './svg.ts';

export interface MermaidOptions extends Omit<RenderOptions, 'config'> {
  /** Where rendered diagrams are kept between builds, under their key. */
  store: Pick<RenderStore, 'dir' | 'read' | 'write'>;
  /** The deck's slide size: a diagram whose text would show too small on it stops the build. */
  slide: Size;
  /**
   * Told what is about to take long (`rendering the diagram of slides/08-timeline.md:8`): drawing
   * diagrams needs a browser, seconds where a read from the store takes milliseconds.
   */
  onProgress?: (what: string) => void;
}

export interface RenderedDiagrams {
  /**
   * The `<figure>` for a fence's diagram, looked up by its key. Each call makes a new figure: a
   * diagram shown twice gets a second id. Throws for a diagram that was not among the sources.
   */
  figure: (code: string, options?: { steps?: boolean }) => string;
  /** The diagrams' stylesheets, each once however many diagrams share it. */
  css: string;
  /** How many diagrams had to be rendered (0 when all came from the store). */
  rendered: number;
}

/**
 * Renders every diagram of the deck: from the store where it can, else all at once in one browser,
 * which is launched only when something is missing from the store.
 */
export async function renderDiagrams(
  sources: readonly DiagramSource[],
  options: MermaidOptions,
): Promise<RenderedDiagrams> {
  const config = mermaidConfig(fontFamilies(options.fonts));
  const prepared = new Map(
    sources.map((source) => prepareDiagram(source, config)).map((diagram) => [diagram.key, diagram]),
  );
  const stored = new Map<string, StoredDiagram>();
  for (const { key, source } of prepared.values()) {
    const name = `${key}.json`;
    const hit = await options.store.read(name);
    const file = displayPath(join(options.store.dir, name));
    if (hit) stored.set(key, parseStoredDiagram(hit.toString('utf8'), { file, source }));
  }
  const missing = [...prepared.values()].filter(({ key }) => !stored.has(key));
  if (missing.length > 0) {
    const places = missing.map(({ source }) => `${source.file}:${source.line}`);
    options.onProgress?.(`rendering the diagram${places.length > 1 ? 's' : ''} of ${places.join(', ')}`);
    const fresh = await renderBatch(missing, { ...options, config });
    for (const { key, source } of missing) {
      const diagram = fresh.get(key)!;
      stored.set(key, diagram);
      await options.store.write(`${key}.json`, JSON.stringify(diagram), `the diagram of ${source.file}:${source.line}`);
    }
  }
  for (const { key, source } of prepared.values()) {
    const textPx = shownTextPx(viewBoxSize(stored.get(key)!.svg), options.slide);
    if (textPx < SMALLEST_TEXT_PX) {
      throw new DeckError(
        source.file,
        source.line,
        `Mermaid: the diagram's text would show at ${textPx.toFixed(1)} px on a ${options.slide.width}×${options.slide.height} slide, under the ${SMALLEST_TEXT_PX} px limit (${Math.round((100 * SMALLEST_TEXT_PX) / typeScale.bodyPx)} % of the body text): it holds too much for one slide; split or simplify it`,
      );
    }
  }
  const shown = new Map<string, number>();
  const figure = (code: string, { steps = false } = {}): string => {
    const key = diagramKey(code, config);
    const diagram = prepared.get(key);
    const { svg } = stored.get(key) ?? {};
    if (!diagram || svg === undefined) throw new Error('renderDiagrams: a fence whose diagram was not rendered');
    const count = (shown.get(key) ?? 0) + 1;
    shown.set(key, count);
    return figureHtml(diagram, steps ? unfoldSteps(svg) : svg, `diagram-${key}${count > 1 ? `-${count}` : ''}`);
  };
  const styles = new Map(
    [...prepared.keys()].map((key) => stored.get(key)!).map(({ styleClass, css }) => [styleClass, css]),
  );
  return { figure, css: [...styles.values()].join('\n'), rendered: missing.length };
}
