import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { splitRevealStyles } from './reveal-styles.ts';

describe('splitRevealStyles', () => {
  it("keeps a first screen's rules first and moves the overview's, the print view's, the scroll view's and the overlays' later", () => {
    const css = [
      '.reveal .slides section{a:1}',
      '.reveal.overview .slides section{b:2}',
      '.reveal .controls,.reveal.overview .controls{c:3}',
      '@media print{.reveal{d:4}}',
      '@media screen and (width<=600px){.reveal .controls{e:5}.reveal-scroll .scroll-page{f:6}}',
      '.r-overlay-spinner{g:7}',
      '@keyframes bounce-right{0%{h:8}}',
    ].join('\n');
    const { first, later } = splitRevealStyles(css);
    expect(first).toBe(
      [
        '.reveal .slides section{a:1}',
        '.reveal .controls{c:3}',
        '@media screen and (width<=600px){.reveal .controls{e:5}}',
        '@keyframes bounce-right{0%{h:8}}',
      ].join('\n'),
    );
    for (const moved of [
      '.reveal.overview .slides section{b:2}',
      '.reveal.overview .controls{c:3}',
      '@media print{.reveal{d:4}}',
      '.reveal-scroll .scroll-page{f:6}',
      '.r-overlay-spinner{g:7}',
    ]) {
      expect(later).toContain(moved);
    }
  });

  it("loses no rule of reveal.js's own stylesheet: every selector is in one part or the other", async () => {
    const file = createRequire(import.meta.url).resolve('reveal.js/reveal.css');
    const css = await readFile(file, 'utf8');
    const { first, later } = splitRevealStyles(css);
    const selectors = (text: string): string[] =>
      [...text.matchAll(/([^{}]+)\{/g)].flatMap(([, s]) => s!.split(',').map((x) => x.trim()));
    expect(new Set([...selectors(first), ...selectors(later)])).toEqual(new Set(selectors(css)));
    expect(first).not.toMatch(/\.overview|\.r-overlay|reveal-scroll|@media print/);
    expect(first).toMatch(/\.reveal \.controls/);
  });
});
