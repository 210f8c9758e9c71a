import { join } from 'node:path';
import { typeScale } from '../../shared/type-scale.ts';
import { DeckError } from '../errors.ts';
import { displayPath } from '../paths.ts';
import type { RenderStore } from '../render-store.ts';
import { narrowLayout, shownTextPx, smallestTextPx, wideLayout, type DiagramLayout, type Size } from './legibility.ts';
import { fontFamilies } from '../fonts/font-faces.ts';
import { mermaidConfig } from './config.ts';
import { narrowCode, prepareDiagram, type DiagramSource, type PreparedDiagram } from './prepare.ts';
import { renderBatch, type RenderOptions } from './render.ts';
import { unfoldSteps } from './steps.ts';
import { parseStoredDiagram } from './stored-diagram.ts';
import { figureHtml, viewBoxSize, type Drawing, type StoredDiagram } from './svg.ts';

export interface MermaidOptions extends RenderOptions {
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
   * The `<figure>` for a fence's diagram, looked up by its code: its drawing, and its narrow
   * variant where it has one. Each call makes a new figure: a diagram shown twice gets a second
   * id. Throws for a diagram that was not among the sources.
   */
  figure: (code: string, options?: { steps?: boolean }) => string;
  /** The diagrams' stylesheets, each once however many diagrams share it. */
  css: string;
  /** The deck's drawings: each diagram's, and each narrow variant's. */
  drawings: number;
  /** Of those, how many had to be rendered (0 when all came from the store). */
  rendered: number;
}

/** A fence's drawings: for the deck's slide, and drawn top-down for phones where that differs. */
interface DiagramVariants {
  wide: PreparedDiagram;
  narrow?: PreparedDiagram;
}

const drawingsOf = ({ wide, narrow }: DiagramVariants): PreparedDiagram[] => (narrow ? [wide, narrow] : [wide]);

/**
 * Renders every diagram of the deck, each also as its narrow variant where it has one
 * (`narrowCode`): from the store where it can, else all at once in one browser, which is launched
 * only when something is missing from the store. A drawing whose text would show too small on the
 * slide, or on a phone, stops the build.
 */
export async function renderDiagrams(
  sources: readonly DiagramSource[],
  options: MermaidOptions,
): Promise<RenderedDiagrams> {
  const families = fontFamilies(options.fonts);
  const wideConfig = mermaidConfig(families);
  const narrowConfig = mermaidConfig(families, typeScale.narrow.diagramTextPx);
  const variantsOf = (source: DiagramSource): DiagramVariants => {
    const narrow = narrowCode(source.code);
    return {
      wide: prepareDiagram(source, wideConfig),
      ...(narrow === undefined ? {} : { narrow: prepareDiagram({ ...source, code: narrow }, narrowConfig) }),
    };
  };
  const fences = new Map(sources.map((source) => [source.code, variantsOf(source)]));
  const prepared = new Map([...fences.values()].flatMap(drawingsOf).map((diagram) => [diagram.key, diagram]));
  const stored = new Map<string, StoredDiagram>();
  for (const { key, source } of prepared.values()) {
    const name = `${key}.json`;
    const hit = await options.store.read(name);
    const file = displayPath(join(options.store.dir, name));
    if (hit) stored.set(key, parseStoredDiagram(hit.toString('utf8'), { file, source }));
  }
  const missing = [...prepared.values()].filter(({ key }) => !stored.has(key));
  if (missing.length > 0) {
    const places = [...new Set(missing.map(({ source }) => `${source.file}:${source.line}`))];
    options.onProgress?.(`rendering the diagram${places.length > 1 ? 's' : ''} of ${places.join(', ')}`);
    const fresh = await renderBatch(missing, options);
    for (const { key, source, config } of missing) {
      const diagram = fresh.get(key)!;
      stored.set(key, diagram);
      const what = config === narrowConfig ? 'the narrow variant of the diagram' : 'the diagram';
      await options.store.write(`${key}.json`, JSON.stringify(diagram), `${what} of ${source.file}:${source.line}`);
    }
  }
  const textPx = (diagram: PreparedDiagram, layout: DiagramLayout): number =>
    shownTextPx(viewBoxSize(stored.get(diagram.key)!.svg), layout);
  const slide = wideLayout(options.slide);
  const phone = narrowLayout(typeScale.diagramTextPx);
  const phoneNarrow = narrowLayout(typeScale.narrow.diagramTextPx);
  for (const [code, { wide, narrow }] of fences) {
    checkLegible(wide.source, textPx(wide, slide), slide);
    // A top-down drawing serves phones only where it reads larger there (a short timeline drawn
    // across is narrower than Mermaid's top-down one, whose boxes keep their widths).
    if (narrow && textPx(narrow, phoneNarrow) > textPx(wide, phone)) {
      checkLegible(narrow.source, textPx(narrow, phoneNarrow), phoneNarrow);
    } else {
      fences.set(code, { wide });
      checkLegible(wide.source, textPx(wide, phone), phone, narrow ? '' : ONLY_ACROSS_HAS_NARROW);
    }
  }
  const shown = new Map<string, number>();
  const figure = (code: string, { steps = false } = {}): string => {
    const variants = fences.get(code);
    if (!variants) throw new Error('renderDiagrams: a fence whose diagram was not rendered');
    const count = (shown.get(variants.wide.key) ?? 0) + 1;
    shown.set(variants.wide.key, count);
    // Each drawing's id names its render (the CSP check reports a script by it).
    const drawing = (diagram: PreparedDiagram): Drawing => {
      const { svg } = stored.get(diagram.key)!;
      return { svg: steps ? unfoldSteps(svg) : svg, id: `diagram-${diagram.key}${count > 1 ? `-${count}` : ''}` };
    };
    const { wide, narrow } = variants;
    return figureHtml(wide, drawing(wide), narrow && drawing(narrow));
  };
  // The stylesheets of the drawings shown, each once.
  const styles = new Map(
    [...fences.values()]
      .flatMap(drawingsOf)
      .map(({ key }) => stored.get(key)!)
      .map(({ styleClass, css }) => [styleClass, css]),
  );
  return { figure, css: [...styles.values()].join('\n'), drawings: prepared.size, rendered: missing.length };
}

/** Why a diagram may be too small on a phone: it is shown there as drawn for the slide. */
const ONLY_ACROSS_HAS_NARROW =
  '; only timelines without sections and flowcharts drawn LR or RL get a top-down drawing for phones: draw this one top-down, or narrower';

/** Stops the build on a drawing whose text would show at `textPx`, under the smallest size in `layout`. */
function checkLegible(source: DiagramSource, textPx: number, layout: DiagramLayout, hint = ''): void {
  const limit = smallestTextPx(layout);
  if (textPx >= limit) return;
  throw new DeckError(
    source.file,
    source.line,
    `Mermaid: the diagram's text would show at ${textPx.toFixed(1)} px ${layout.name}, under the ${Number(limit.toFixed(1))} px limit (${Math.round(100 * typeScale.textMin)} % of the body text): it holds too much for one slide; split or simplify it${hint}`,
  );
}
