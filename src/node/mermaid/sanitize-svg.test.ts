import { describe, expect, it } from 'vitest';
import { sanitizeCss, sanitizeSvg } from './sanitize-svg.ts';

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
});

describe('sanitizeCss', () => {
  it('removes filters and refuses references to other documents', () => {
    expect(sanitizeCss('.a{fill:red;filter:brightness(120%)}.b{stroke:url(#g)}')).toBe(
      '.a{fill:red;}.b{stroke:url(#g)}',
    );
    expect(sanitizeCss('.a{background:url(https://e.example/x.png)}')).toBeNull();
    expect(sanitizeCss('@import "https://e.example/x.css";')).toBeNull();
  });
});
