import { describe, expect, it } from 'vitest';
import { fontCharacters } from './fonts.ts';

describe('fontCharacters', () => {
  it('keeps the characters the slides show, decodes entities and leaves out markup and notes', () => {
    const chars = fontCharacters(
      '<section><h2 id="x">Step 1 – go · “big”</h2><p>A &amp; B &#x2014;</p><aside class="notes">Ωmega</aside></section>',
    );
    for (const c of ['–', '·', '“', '”', '—', '&']) expect(chars).toContain(c);
    expect(chars).not.toContain('Ω');
  });

  it('always keeps printable ASCII, once each, in a stable order', () => {
    const chars = fontCharacters('');
    expect(chars).toHaveLength(96);
    expect(fontCharacters('zz€')).toBe(`${chars}€`);
  });
});
