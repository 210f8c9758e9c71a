import postcss from 'postcss';
import { describe, expect, it } from 'vitest';
import { unusedTransitions } from './unused-transitions.ts';

const prune = async (css: string): Promise<string> =>
  (await postcss([unusedTransitions()]).process(css, { from: undefined })).css;

describe('unusedTransitions', () => {
  it('drops the rules of transitions the deck never shows, and keeps its own and everything else', async () => {
    const css = [
      '.reveal.zoom .slides section{a:1}',
      '.reveal .slides section[data-transition=convex].past{b:2}',
      '.reveal .slides>section[data-transition~=cube-in].future{c:3}',
      '.reveal.slide .slides section{d:4}',
      '.reveal .slides section[data-transition=slide]{e:5}',
      '.reveal .slides section .fragment.fade-in{f:6}',
      '.reveal.fade .x,.reveal.slide .x{g:7}',
    ].join('\n');
    expect(await prune(css)).toBe(
      [
        '.reveal.slide .slides section{d:4}',
        '.reveal .slides section[data-transition=slide]{e:5}',
        '.reveal .slides section .fragment.fade-in{f:6}',
        '.reveal.slide .x{g:7}',
      ].join('\n'),
    );
  });

  it("keeps the rules of reveal.js's own stylesheet that the deck's transitions need", async () => {
    const { readFile } = await import('node:fs/promises');
    const { createRequire } = await import('node:module');
    const revealCss = await readFile(createRequire(import.meta.url).resolve('reveal.js/reveal.css'), 'utf8');
    const pruned = await prune(revealCss);
    expect(pruned.length).toBeLessThan(revealCss.length);
    expect(pruned).toMatch(/\.reveal\.slide/);
    expect(pruned).toMatch(/\[data-transition=slide\]/);
    expect(pruned).not.toMatch(/\.reveal\.(zoom|convex|concave|cube|page)\b/);
  });
});
