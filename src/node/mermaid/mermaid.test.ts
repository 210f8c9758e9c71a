import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BrowserSession, launchBrowser } from '../browser.ts';
import { DeckError } from '../errors.ts';
import { findMermaidFences } from '../deck/markdown.ts';
import { renderSection } from '../deck/sections.ts';
import { RenderStore } from '../render-store.ts';
import { parseSlide } from '../deck/slides.ts';
import { tallySteps } from '../deck/tally.ts';
import { prepareDiagram, renderDiagrams, type DiagramSource, type MermaidOptions } from './mermaid.ts';
import { fromHtml } from 'hast-util-from-html';
import type { Element, Root, RootContent } from 'hast';
import { broken, flowchart, FORBIDDEN_ELEMENTS, hostile, timeline } from './__fixtures__/diagrams.ts';

let cacheDir: string;
let launches: number;
let browser: BrowserSession;
let options: MermaidOptions;

beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'deck-mermaid-'));
  launches = 0;
  browser = new BrowserSession(() => {
    launches += 1;
    return launchBrowser();
  });
  options = { store: new RenderStore(cacheDir, () => undefined), browser };
});
afterEach(async () => {
  await browser.close();
  await rm(cacheDir, { recursive: true, force: true });
});

const source = (code: string, line = 10): DiagramSource => ({ code, file: 'slides/08-x.md', line });
const FIXTURES = join(import.meta.dirname, '__fixtures__', 'slides');

/** A whole fixture slide through the build's steps: parse, find fences, render them, make the section. */
async function renderFixture(name: string) {
  const slide = parseSlide(`slides/${name}`, await readFile(join(FIXTURES, name), 'utf8'));
  const fences = findMermaidFences(slide.body, slide.file, slide.bodyLine);
  const { figures, css, rendered } = await renderDiagrams(fences, options);
  return {
    html: renderSection({ ...slide, heading: slide.data.title }, { diagrams: figures, tally: tallySteps([]) }),
    css,
    rendered,
    fences,
  };
}
const textOf = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

function elementsOf(node: Root | RootContent): Element[] {
  const own = node.type === 'element' ? [node] : [];
  const children = 'children' in node ? node.children.flatMap(elementsOf) : [];
  return [...own, ...children];
}

/** Everything in a figure that could run code or reach another origin, as readable strings. */
function dangers(figure: string): string[] {
  return elementsOf(fromHtml(figure, { fragment: true })).flatMap((element) => {
    const found = FORBIDDEN_ELEMENTS.includes(element.tagName.toLowerCase()) ? [`<${element.tagName}>`] : [];
    for (const [name, value] of Object.entries(element.properties)) {
      const text = String(value);
      if (/^on/i.test(name)) found.push(`${name}=`);
      if (/javascript:/i.test(text)) found.push(`${name}=${text}`);
      if (/^(href|xLinkHref|src)$/.test(name) && !text.startsWith('#')) found.push(`${name}=${text}`);
      if (/url\((?!['"]?#)/i.test(text)) found.push(`${name}=${text}`);
    }
    return found;
  });
}

async function rejection(promise: Promise<unknown>): Promise<DeckError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (error instanceof DeckError) return error;
  throw new Error(`expected a DeckError, got ${String(error)}`);
}

describe('the mermaid transform', () => {
  it('leaves a slide without a fence alone and launches no browser', async () => {
    const { html, rendered } = await renderFixture('01-no-fence.md');
    expect(html).toContain('<p>No diagram here.</p>');
    expect([rendered, launches]).toEqual([0, 0]);
  });

  it('turns one fence into an inline SVG figure with a name and a description', async () => {
    const { html, css, fences } = await renderFixture('02-one-fence.md');
    expect(fences.map((fence) => fence.line)).toEqual([9]);
    expect(html).toMatch(
      /<p>Before.<\/p>\n<figure class="diagram" style="--diagram-width: \d+px" role="img" aria-label="A small timeline" aria-describedby="(diagram-[0-9a-f]+)-description">/,
    );
    expect(html).toContain('<svg');
    expect(textOf(html)).toContain('Step 1');
    const describedBy = /aria-describedby="([^"]+)"/.exec(html)?.[1];
    expect(html).toContain(
      `<figcaption id="${describedBy}" class="visually-hidden">Two periods with one event each.</figcaption>`,
    );
    expect(html).not.toContain('```');
    expect(html).not.toContain('<style');
    expect(html).not.toMatch(/filter/);
    expect(css).toContain('font-family');
    expect(launches).toBe(1);
  });

  it('renders two fences in one browser, in order, each with its own stylesheet class', async () => {
    const { html, css } = await renderFixture('03-two-fences.md');
    expect(launches).toBe(1);
    expect([...html.matchAll(/aria-label="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'A small flowchart',
      'A small timeline',
    ]);
    expect(new Set(html.match(/mermaid-style-[0-9a-f]+/g)).size).toBe(2);
    expect(css.match(/@keyframes dash/g)).toHaveLength(2);
  });

  it('gives the same diagram twice different ids, and ships its stylesheet once', async () => {
    const { html, css, rendered } = await renderFixture('04-same-diagram-twice.md');
    expect(rendered).toBe(1);
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(2);
    expect(new Set(ids).size).toBe(ids.length);
    expect(css.match(/@keyframes dash/g)).toHaveLength(1);
  });

  it('renders nothing the second time: the cache has every diagram', async () => {
    const fences = [source(timeline), source(flowchart)];
    const first = await renderDiagrams(fences, options);
    const second = await renderDiagrams(fences, options);
    expect([first.rendered, second.rendered, launches]).toEqual([2, 0, 1]);
    expect(second.figures).toEqual(first.figures);
    expect(await readdir(cacheDir)).toHaveLength(2);
  });

  it('re-renders only the diagram that changed, wherever it sits', async () => {
    await renderDiagrams([source(timeline), source(flowchart)], options);
    const edited = await renderDiagrams([source(flowchart, 40), source(timeline.replace('2011', '2012'), 3)], options);
    expect(edited.rendered).toBe(1);
  });

  it("stops on a syntax error with the slide file, the line in it and Mermaid's message", async () => {
    const error = await rejection(renderDiagrams([source(broken, 20)], options));
    expect(error.file).toBe('slides/08-x.md');
    expect(error.line).toBe(24);
    expect(error.message).toMatch(/^slides\/08-x.md:24: Mermaid: Parse error on line 5:/);
  });

  it('stops when a diagram takes longer than its time limit, naming the slide', async () => {
    const error = await rejection(renderDiagrams([source(timeline, 7)], { ...options, timeoutMs: 1 }));
    expect(error.message).toBe('slides/08-x.md:7: Mermaid: rendering took longer than 1 ms; simplify the diagram');
  });

  it('requires a title and a description', () => {
    expect(() => prepareDiagram(source('flowchart LR\n  accTitle: T\n  A --> B\n'))).toThrow(
      'slides/08-x.md:10: Mermaid: accDescr missing',
    );
  });

  it.each([
    ['an init directive asking for loose security', `%%{init: {"securityLevel": "loose"}}%%\n${flowchart}`],
    ['front matter config', `---\nconfig:\n  securityLevel: loose\n---\n${flowchart}`],
  ])('refuses %s', (_, code) => {
    expect(() => prepareDiagram(source(code))).toThrow(/^slides\/08-x.md:10: Mermaid: .*not allowed/);
  });

  it('lets no hostile diagram put code or a foreign URL into the deck', async () => {
    const names = Object.keys(hostile);
    const { figures } = await renderDiagrams(
      names.map((name) => source(hostile[name]!)),
      options,
    );
    figures.forEach((figure, index) => {
      expect(dangers(figure), names[index]).toEqual([]);
      expect(figure, names[index]).toContain('<svg');
    });
    // The checker itself finds what it is meant to find.
    expect(dangers('<svg><a href="https://x.example/"><text onclick="f()">t</text></a></svg>')).toEqual([
      '<a>',
      'href=https://x.example/',
      'onClick=',
    ]);
  });
});
