/**
 * The deck's colours and type, in one place for the CSS theme (as custom properties) and for the
 * Mermaid theme at build time. Every text/background pair here meets WCAG AA (4.5:1).
 */
export const palette = {
  background: '#fbfaf7',
  text: '#1d2330',
  muted: '#454c5b',
  accent: '#0b4f94',
  accentSoft: '#dce8f5',
  warmSoft: '#f5e6cc',
  greenSoft: '#dcefe1',
  rule: '#c9ccd3',
} as const;

/** A CSS font stack: the deck's families in order, then the system's. */
export const fontStack = (families: readonly string[]): string =>
  [...families.map((family) => `'${family}'`), 'system-ui', 'sans-serif'].join(', ');

/** `:root { --deck-background: …; }` for the theme stylesheet. */
export function paletteCss(): string {
  const vars = Object.entries(palette).map(
    ([name, value]) => `  --deck-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${value};`,
  );
  return `:root {\n${vars.join('\n')}\n}\n`;
}
