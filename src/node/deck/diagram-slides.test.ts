import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestRenderer } from '../mermaid/__fixtures__/test-renderer.ts';
import { renderDiagrams } from '../mermaid/diagrams.ts';
import { findMermaidFences } from './markdown.ts';
import { renderSection } from './sections.ts';
import { parseSlide } from './slides.ts';
import { tallySteps } from './tally.ts';

const renderer = useTestRenderer();
const FIXTURES = join(import.meta.dirname, '__fixtures__', 'slides');

/** A whole fixture slide through the build's steps: parse, find fences, render them, make the section. */
async function renderFixture(name: string) {
  const slide = parseSlide(`slides/${name}`, await readFile(join(FIXTURES, name), 'utf8'));
  const fences = findMermaidFences(slide);
  const { figure, css, rendered } = await renderDiagrams(fences, renderer.options);
  const section = { ...slide, heading: slide.data.title };
  return {
    html: renderSection(section, { figure, tally: tallySteps([]) }),
    css,
    rendered,
    fences,
  };
}
const textOf = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('a slide with diagrams', () => {
  it('leaves a slide without a fence alone and launches no browser', async () => {
    const { html, rendered } = await renderFixture('01-no-fence.md');
    expect(html).toContain('<p>No diagram here.</p>');
    expect([rendered, renderer.launches]).toEqual([0, 0]);
  });

  it('turns one fence into an inline SVG figure with a name and a description', async () => {
    const { html, css, fences } = await renderFixture('02-one-fence.md');
    expect(fences.map((fence) => fence.line)).toEqual([9]);
    expect(html).toMatch(
      /<p>Before.<\/p>\n<figure class="diagram" style="--diagram-width: \d+px; --diagram-height: \d+px" role="img" aria-label="A small timeline" aria-describedby="(diagram-[0-9a-f]+)-description">/,
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
    expect(renderer.launches).toBe(1);
  });

  it('renders two fences in one browser, in order, each with its own stylesheet class', async () => {
    const { html, css } = await renderFixture('03-two-fences.md');
    expect(renderer.launches).toBe(1);
    expect([...html.matchAll(/aria-label="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'A small flowchart',
      'A small timeline',
    ]);
    // Both are small enough for a phone as drawn: no drawing for phones, nor its stylesheet, ships.
    expect(html.match(/<svg\b/g)).toHaveLength(2);
    expect(new Set(html.match(/mermaid-style-[0-9a-f]+/g)).size).toBe(2);
    expect(css.match(/@keyframes dash/g)).toHaveLength(2);
  });

  it('gives the same diagram twice different ids, and ships its stylesheet once', async () => {
    const { html, css, rendered } = await renderFixture('04-same-diagram-twice.md');
    // Drawn once, and once top-down to compare on a phone (where it reads no larger: not shipped).
    expect(rendered).toBe(2);
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(2);
    expect(new Set(ids).size).toBe(ids.length);
    expect(css.match(/@keyframes dash/g)).toHaveLength(1);
  });
});
