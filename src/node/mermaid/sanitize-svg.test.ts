import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sanitizeSvg } from './sanitize-svg.ts';
import { SVG_PAYLOADS } from './__fixtures__/tampering.ts';

const fixture = (name: string): Promise<string> => readFile(join(import.meta.dirname, '__fixtures__', name), 'utf8');
const drawing = (inner: string): string => `<svg viewBox="0 0 10 10"><g class="node">${inner}</g></svg>`;

describe('sanitizeSvg', () => {
  it('keeps drawing and same-document references, drops what runs or reaches out', () => {
    const svg = sanitizeSvg(
      '<svg viewBox="0 0 10 10" onload="x()"><script>alert(1)</script><a href="javascript:alert(1)"><text onclick="y()">hi</text></a>' +
        '<path d="M0 0" marker-end="url(#m)"/><use href="#m"/><use xlink:href="https://e.example/x#y"/>' +
        '<image href="https://e.example/i.png"/><foreignObject><div>x</div></foreignObject><g style="fill:red;filter:blur(1px)" filter="url(#f)"/></svg>',
      'extra',
    );
    expect(svg).toBe(
      '<svg viewBox="0 0 10 10" class="extra"><text>hi</text><path d="M0 0" marker-end="url(#m)"></path><use href="#m"></use><use></use><g style="fill:red;"></g></svg>',
    );
  });

  it.each(SVG_PAYLOADS)('removes $name', ({ payload, clean }) => {
    expect(sanitizeSvg(drawing(`<path d="M1 1"></path>${payload}`))).toBe(drawing(`<path d="M1 1"></path>${clean}`));
  });

  it.each(['timeline.svg', 'flowchart.svg'])('keeps every element and attribute of a Mermaid %s', async (name) => {
    const svg = (await fixture(name)).trim();
    expect(sanitizeSvg(svg)).toBe(svg);
  });
});
