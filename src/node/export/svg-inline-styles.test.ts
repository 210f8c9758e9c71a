import { describe, expect, it } from 'vitest';
import { inlineSvgStyles } from './svg-inline-styles.ts';

const CSS = `.reveal h2 { color: red }
.mermaid-style-a { fill: #111; font-family: Inter, sans-serif }
.mermaid-style-a .section-0 rect, .mermaid-style-a .section-0 path { fill: #f5e6cc }
.mermaid-style-a .section-0 text { fill: #222 }
.mermaid-style-b rect { fill: black }
@keyframes dash { to { stroke-dashoffset: 0 } }`;

describe('a diagram made to stand alone', () => {
  it('carries the page’s rules for its own style class on its elements, its own inline styles last', () => {
    const svg =
      '<svg class="mermaid-style-a" viewBox="0 0 10 10"><g class="section-0"><rect width="1" height="1"></rect><path d="M0 0" style="stroke: blue"></path><text>2006</text></g><rect></rect></svg>';
    const out = inlineSvgStyles(svg, CSS);
    expect(out).toContain(
      '<svg class="mermaid-style-a" viewBox="0 0 10 10" style="fill: #111; font-family: Inter, sans-serif">',
    );
    expect(out).toContain('<rect width="1" height="1" style="fill: #f5e6cc"></rect>');
    expect(out).toContain('<path d="M0 0" style="fill: #f5e6cc; stroke: blue"></path>');
    expect(out).toContain('<text style="fill: #222">2006</text>');
    // Another drawing's rules and the page's own stay out.
    expect(out).not.toMatch(/black|red/);
    expect(out).toContain('<rect></rect>');
  });

  it('leaves a drawing without a style class as it is', () => {
    const svg = '<svg viewBox="0 0 1 1"><rect fill="red"></rect></svg>';
    expect(inlineSvgStyles(svg, CSS)).toBe(svg);
  });
});
