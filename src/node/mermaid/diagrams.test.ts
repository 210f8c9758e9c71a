import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeckError } from '../errors.ts';
import { renderDiagrams, type RenderedDiagrams } from './diagrams.ts';
import { rejectionOf } from '../__fixtures__/rejection.ts';
import { mermaidConfig } from './config.ts';
import { fontFamilies } from '../fonts/font-faces.ts';
import { displayPath } from '../paths.ts';
import { narrowCode, prepareDiagram, type DiagramSource } from './prepare.ts';

const config = mermaidConfig(['Inter']);
import { useTestRenderer } from './__fixtures__/test-renderer.ts';
import { fromHtml } from 'hast-util-from-html';
import type { Element, Root, RootContent } from 'hast';
import { broken, flowchart, FORBIDDEN_ELEMENTS, hostile, timeline } from './__fixtures__/diagrams.ts';

const renderer = useTestRenderer();

const source = (code: string, line = 10): DiagramSource => ({ code, file: 'slides/08-x.md', line });
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

describe('rendering diagrams', () => {
  it('renders nothing the second time: the cache has every diagram, and its narrow variant', async () => {
    const fences = [source(timeline), source(flowchart)];
    const first = await renderDiagrams(fences, renderer.options);
    const second = await renderDiagrams(fences, renderer.options);
    // Both are drawn across, so each also has a top-down drawing for phones.
    expect([first.rendered, second.rendered, renderer.launches]).toEqual([4, 0, 1]);
    const figures = (result: RenderedDiagrams): string[] => fences.map(({ code }) => result.figure(code));
    expect(figures(second)).toEqual(figures(first));
    expect(await readdir(renderer.storeDir)).toHaveLength(4);
  });

  it('draws a timeline and an LR flowchart top-down for phones too, in one figure, each sanitised', async () => {
    const periods = ['2006 : Step 1', '2008 : Step 2', '2011 : Step 3', '2016 : Step 4'].join('\n  ');
    const longTimeline = `timeline\n  accTitle: Four periods\n  accDescr: One event each.\n  ${periods}\n`;
    const chain = `flowchart LR\n  accTitle: A chain\n  accDescr: Five steps in a row.\n  a[Write] --> b[Check] --> c[Build] --> d[Export] --> e[Present]\n`;
    const fences = [source(longTimeline), source(chain), source(`${hostile['a script in a label']!} --> C --> D`)];
    const { figure } = await renderDiagrams(fences, renderer.options);
    for (const { code } of fences) {
      const svgs = elementsOf(fromHtml(figure(code), { fragment: true })).filter(
        (element) => element.tagName === 'svg',
      );
      expect(svgs.map((svg) => svg.properties.dataLayout)).toEqual([undefined, 'narrow']);
      const [wide, narrow] = svgs.map((svg) => String(svg.properties.viewBox).split(' ').map(Number));
      // Top-down, the drawing is narrower for its height than across.
      expect(narrow![2]! / narrow![3]!).toBeLessThan(wide![2]! / wide![3]!);
      // Each drawing's id names its own render.
      expect(svgs.map((svg) => svg.properties.id)).toEqual([
        `diagram-${prepareDiagram(source(code), config).key}`,
        expect.stringMatching(/^diagram-[0-9a-f]{16}$/),
      ]);
      expect(svgs[1]!.properties.id).not.toBe(svgs[0]!.properties.id);
      expect(dangers(figure(code))).toEqual([]);
    }
    // Shown twice, the drawings share no id, and every reference inside each points into itself.
    const twice = fences.flatMap(({ code }) => [figure(code), figure(code)]).join('');
    const ids = [...twice.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]!);
    expect(ids.filter((id) => id.startsWith('undefined'))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [, target] of twice.matchAll(/url\(#([^)]+)\)/g)) expect(ids).toContain(target);
  });

  it("ships only the style rules that style something in its drawing, not Mermaid's whole stylesheet", async () => {
    const { css: timelineCss } = await renderDiagrams([source(timeline)], renderer.options);
    const { css: flowchartCss } = await renderDiagrams([source(flowchart)], renderer.options);
    // Mermaid styles clusters and timeline sections in every diagram's stylesheet.
    expect(timelineCss).toMatch(/\.section-0\b/);
    expect(timelineCss).not.toMatch(/\.cluster\b/);
    expect(flowchartCss).toMatch(/\.node\b/);
    expect(flowchartCss).not.toMatch(/\.section-0\b/);
  });

  it.each([
    ['timeline\n  2006 : a', 'timeline TD\n  2006 : a'],
    ['timeline LR\n  2006 : a', 'timeline TD\n  2006 : a'],
    ['%% across\n  flowchart RL\n  a --> b', '%% across\n  flowchart TD\n  a --> b'],
    ['graph LR\n  a --> b', 'graph TD\n  a --> b'],
    ['flowchart LR;\n  a --> b', 'flowchart TD;\n  a --> b'],
    ['flowchart LR\r\n  a --> b', 'flowchart TD\r\n  a --> b'],
    ['timeline TD\n  2006 : a', undefined],
    ['timeline\n  section Early\n  2006 : a', undefined],
    ['flowchart TB\n  a --> b', undefined],
    ['sequenceDiagram\n  a ->> b: hi', undefined],
  ])('draws %j top-down for phones as %j', (code, narrow) => {
    expect(narrowCode(code)).toBe(narrow);
  });

  it('keeps the one drawing of a short timeline: drawn across, it already reads larger on a phone', async () => {
    const { figure, rendered } = await renderDiagrams([source(timeline)], renderer.options);
    // Both drawn, to compare; the top-down one (Mermaid's fixed box widths) would read smaller.
    expect(rendered).toBe(2);
    expect(figure(timeline).match(/<svg\b/g)).toHaveLength(1);
  });

  it('keeps the one drawing of a diagram already top-down, and checks it on a phone', async () => {
    const topDown = flowchart.replace('flowchart LR', 'flowchart TD');
    const { figure, rendered } = await renderDiagrams([source(topDown)], renderer.options);
    expect(rendered).toBe(1);
    expect(figure(topDown).match(/<svg\b/g)).toHaveLength(1);
    // Too wide for a phone, and no top-down form: the build says so rather than shrink it.
    const row = Array.from({ length: 5 }, (_, index) => `  n${index}[Box ${index}]`).join('\n');
    const wide = `flowchart TD\n  accTitle: A row\n  accDescr: Five boxes side by side.\n${row}\n`;
    const error = await rejectionOf(renderDiagrams([source(wide, 30)], renderer.options), DeckError);
    expect(error.message).toMatch(
      /^slides\/08-x.md:30: Mermaid: the diagram's text would show at \d+\.\d px on a phone \(a 420-px slide\), under the 13.6 px limit \(80 % of the body text\).*only timelines without sections and flowcharts drawn LR or RL get a top-down drawing/,
    );
  });

  it('draws two overlapping reads one after the other in one page, each its own diagrams, alike each time', async () => {
    const alone = (await renderDiagrams([source(timeline)], renderer.options)).figure(timeline);
    await rm(renderer.storeDir, { recursive: true, force: true });
    const [first, second] = await Promise.all([
      renderDiagrams([source(timeline)], renderer.options),
      renderDiagrams([source(flowchart)], renderer.options),
    ]);
    expect([first.rendered, second.rendered, renderer.launches]).toEqual([2, 2, 1]);
    // Drawn again after another batch in the same page, the timeline comes out the same.
    expect(first.figure(timeline)).toBe(alone);
    expect(first.figure(timeline)).toContain('2011');
    expect(second.figure(flowchart)).toContain('A small flowchart');
    expect(second.figure(flowchart)).not.toContain('2011');
  });

  it('says which diagram it is drawing, and nothing when the store has them all', async () => {
    const said: string[] = [];
    const options = { ...renderer.options, onProgress: (what: string) => said.push(what) };
    await renderDiagrams([source(timeline, 8)], options);
    await renderDiagrams([source(timeline, 8)], options);
    expect(said).toEqual(['rendering the diagram of slides/08-x.md:8']);
  });

  it('stops on a stored render that is not a stored diagram, naming its file, without a browser', async () => {
    const fence = source(timeline, 7);
    const { key } = prepareDiagram(fence, mermaidConfig(fontFamilies(renderer.options.fonts)));
    const file = join(renderer.storeDir, `${key}.json`);
    await writeFile(file, JSON.stringify({ svg: '<svg></svg>', css: '' }));
    const error = await rejectionOf(renderDiagrams([fence], renderer.options), DeckError);
    expect(error.message).toContain(
      `${displayPath(file)}:1: the stored diagram of slides/08-x.md:7 was not written by this build: not a stored diagram: field "styleClass"`,
    );
    expect(renderer.launches).toBe(0);
  });

  it('re-renders only the diagram that changed, wherever it sits', async () => {
    await renderDiagrams([source(timeline), source(flowchart)], renderer.options);
    const edited = await renderDiagrams(
      [source(flowchart, 40), source(timeline.replace('2011', '2012'), 3)],
      renderer.options,
    );
    // The edited timeline, and its narrow variant.
    expect(edited.rendered).toBe(2);
  });

  it("stops on a syntax error with the slide file, the line in it and Mermaid's message", async () => {
    const error = await rejectionOf(renderDiagrams([source(broken, 20)], renderer.options), DeckError);
    expect(error.file).toBe('slides/08-x.md');
    expect(error.line).toBe(24);
    expect(error.message).toMatch(/^slides\/08-x.md:24: Mermaid: Parse error on line 5:/);
  });

  it('stops when a diagram takes longer than its time limit, naming the slide', async () => {
    const error = await rejectionOf(
      renderDiagrams([source(timeline, 7)], { ...renderer.options, timeoutMs: 1 }),
      DeckError,
    );
    expect(error.message).toBe('slides/08-x.md:7: Mermaid: rendering took longer than 1 ms; simplify the diagram');
  });

  it('stops on a diagram whose text would show too small on the slide, with the size and the limit', async () => {
    const column = Array.from({ length: 24 }, (_, index) => `  n${index} --> n${index + 1}`).join('\n');
    const tall = `flowchart TB\n  accTitle: A long column\n  accDescr: Twenty-five boxes, one under the other.\n${column}\n`;
    const error = await rejectionOf(renderDiagrams([source(tall, 12)], renderer.options), DeckError);
    expect(error.message).toMatch(
      /^slides\/08-x.md:12: Mermaid: the diagram's text would show at \d+\.\d px on a 1280×720 slide, under the 24 px limit \(80 % of the body text\)/,
    );
  });

  it("stops on a diagram past Mermaid's text size limit instead of shipping its error picture", () => {
    const huge = `${flowchart}${'  a --> b\n'.repeat(6000)}`;
    expect(() => prepareDiagram(source(huge), config)).toThrow(
      /^slides\/08-x.md:10: Mermaid: Maximum text size in diagram exceeded: \d+ characters, the limit is 50000; split the diagram$/,
    );
  });

  it('requires a title and a description', () => {
    expect(() => prepareDiagram(source('flowchart LR\n  accTitle: T\n  A --> B\n'), config)).toThrow(
      'slides/08-x.md:10: Mermaid: accDescr missing',
    );
  });

  it.each([
    ['an init directive asking for loose security', `%%{init: {"securityLevel": "loose"}}%%\n${flowchart}`],
    ['front matter config', `---\nconfig:\n  securityLevel: loose\n---\n${flowchart}`],
  ])('refuses %s', (_, code) => {
    expect(() => prepareDiagram(source(code), config)).toThrow(/^slides\/08-x.md:10: Mermaid: .*not allowed/);
  });

  it('lets no hostile diagram put code or a foreign URL into the deck', async () => {
    const names = Object.keys(hostile);
    const sources = names.map((name) => source(hostile[name]!));
    const { figure: figureOf } = await renderDiagrams(sources, renderer.options);
    sources.forEach(({ code }, index) => {
      const figure = figureOf(code);
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
