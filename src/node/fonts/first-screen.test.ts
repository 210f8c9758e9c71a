import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { sortedCharacters } from './characters.ts';
import { boldSelectors, firstScreenCharacters } from './first-screen.ts';

describe('boldSelectors', () => {
  it("takes the theme's bold rules, scoped to a slide", () => {
    const css =
      '.reveal h1, .reveal h2 { font-weight: 700 } .reveal .muted { font-weight: 400 } .reveal ol.tally .step { font-weight: bold }';
    expect(boldSelectors(css)).toEqual(['h1', 'h2', 'ol.tally .step']);
  });

  it("finds the deck's own theme's", async () => {
    const selectors = boldSelectors(await readFile('src/client/theme.css', 'utf8'));
    expect(selectors).toContain('strong');
    expect(selectors.every((selector) => !selector.startsWith('.reveal '))).toBe(true);
  });
});

describe('firstScreenCharacters', () => {
  const theme = '.reveal .step-status { font-weight: 700 }';

  it("splits the first slide's text by weight, with spaces, the slide number's and a list marker's characters, and leaves out its notes", () => {
    const { regular, bold } = firstScreenCharacters(
      '<section><h1>Xen “2006”</h1><p>Key <strong>note</strong> &amp; <span class="step-status">Zq</span></p><aside class="notes">Ωmega</aside></section>',
      theme,
    );
    expect(bold).toBe(sortedCharacters(' Xen“2006”noteZq'));
    expect(regular).toBe(sortedCharacters(' 0123456789/.•Key&'));
    expect(regular + bold).not.toContain('Ω');
  });
});
