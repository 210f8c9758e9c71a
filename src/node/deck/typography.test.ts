import { describe, expect, it } from 'vitest';
import { typographicLine, typographicQuotes } from './typography.ts';

describe('typographic quotes', () => {
  it('curls a quote, a quote inside it, and apostrophes', () => {
    expect(typographicLine(`"VMware ESX + hardware-assisted virtualization is "good enough"."`)).toBe(
      '“VMware ESX + hardware-assisted virtualization is ‘good enough’.”',
    );
    expect(typographicLine(`The author's take: "Whoever owns this layer" wins`)).toBe(
      'The author’s take: “Whoever owns this layer” wins',
    );
  });

  it('follows a quote across the pieces of a paragraph (emphasis, links)', () => {
    expect(typographicQuotes(['He said "', 'very', '" and left.'])).toEqual(['He said “', 'very', '” and left.']);
  });

  it('opens after a bracket or dash and closes after punctuation', () => {
    expect(typographicLine(`("yes")—"no."`)).toBe('(“yes”)—“no.”');
  });

  it('leaves text without straight marks as it is', () => {
    expect(typographicLine('Step 1 · done — 5-10 years')).toBe('Step 1 · done — 5-10 years');
  });
});
