import { describe, expect, it } from 'vitest';
import { fontCharacters, shownCharacters } from './characters.ts';

describe('shownCharacters', () => {
  it('keeps the text, notes included, decodes entities and leaves out markup, spaces and joiners', () => {
    const chars = shownCharacters(
      '<section><h2 id="x">Step 1 – go · “big”</h2><p>A &amp; B &#x2014; 👩\u200d💻\ufe0f</p><aside class="notes">Ωmega</aside></section>',
    );
    for (const c of ['–', '·', '“', '”', '—', '&', 'Ω', '👩', '💻']) expect(chars).toContain(c);
    for (const c of [' ', '\u200d', '\ufe0f', '<', 'h', '#']) expect(chars).not.toContain(c);
  });
});

describe('fontCharacters', () => {
  it('always keeps printable ASCII, once each, in a stable order', () => {
    const chars = fontCharacters('');
    expect(chars).toHaveLength(96);
    expect(fontCharacters('zz€')).toBe(`${chars}€`);
  });
});
