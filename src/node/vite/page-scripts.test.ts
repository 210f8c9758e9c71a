import { describe, expect, it } from 'vitest';
import { foreignScripts } from './page-scripts.ts';

const OWN_SCRIPT = 'import "./deck.js";';
/** A built page: one slide with a diagram; `head`, `slide`, `figure` and `diagram` (its svg) add markup to each. */
function page({ head = '', slide = '', figure = '', diagram = '' } = {}): string {
  return [
    `<!doctype html><html><head><meta charset="utf-8" />${head}<script type="module" crossorigin src="./assets/index.js"></script></head><body>`,
    '<div class="reveal"><div class="slides">',
    '<section id="timeline" data-file="slides/08-timeline.md"><h2>The roadmap</h2>',
    `<figure class="diagram" role="img" aria-describedby="diagram-f2d421fd2a253be8-2-description">${figure}<svg id="diagram-f2d421fd2a253be8-2" viewBox="0 0 1 1"><g>${diagram}</g></svg></figure>`,
    `${slide}</section></div></div><script type="module">${OWN_SCRIPT}</script></body></html>`,
  ].join('');
}
/** The descriptions of what `foreignScripts` finds, after checking each names the file it describes. */
const check = (html: string): string[] =>
  foreignScripts(html, { allowedScripts: [OWN_SCRIPT], renderedDir: 'slides/.rendered' }).map(
    ({ file, description }) => {
      expect(description).toContain(file === undefined ? 'outside the slides' : ` ${file}`);
      return description;
    },
  );

const IN_DIAGRAM = 'in the diagram of slides/08-timeline.md (rendered in slides/.rendered/f2d421fd2a253be8.json)';

describe('foreignScripts', () => {
  it("finds nothing in a page with only the build's own scripts and external ones", () => {
    expect(check(page())).toEqual([]);
  });

  it('finds an inline script the build did not put there, naming the render it came with', () => {
    expect(check(page({ diagram: '<script>window.__pwned=1</script>' }))).toEqual([
      `an inline script the build did not put there, ${IN_DIAGRAM}: <script>window.__pwned=1</script>`,
    ]);
  });

  it('names the render for a script beside the drawing, in its figure', () => {
    expect(check(page({ figure: '<script>window.__pwned=1</script>' }))).toEqual([
      `an inline script the build did not put there, ${IN_DIAGRAM}: <script>window.__pwned=1</script>`,
    ]);
  });

  it("finds a script that differs from the build's own by one character", () => {
    expect(check(page({ slide: `<script type="module">${OWN_SCRIPT} </script>` }))).toEqual([
      `an inline script the build did not put there, in the slide slides/08-timeline.md: <script type="module">import "./deck.js"; </script>`,
    ]);
  });

  it('finds event attributes, on HTML and SVG elements', () => {
    expect(check(page({ slide: '<img src="a.png" onerror="x()">', diagram: '<path d="M0 0" onload="y()"/>' }))).toEqual(
      [
        `an event attribute (onload), ${IN_DIAGRAM}: <path d="M0 0" onload="y()"></path>`,
        'an event attribute (onerror), in the slide slides/08-timeline.md: <img src="a.png" onerror="x()">',
      ],
    );
  });

  it.each([
    ['href', '<a href="javascript:x()">go</a>'],
    ['href, in capitals after spaces', '<a href="  JavaScript:x()">go</a>'],
    ['href, split by a tab', '<a href="java\tscript:x()">go</a>'],
    ['src', '<iframe src="javascript:x()"></iframe>'],
    ['action', '<form action="javascript:x()"></form>'],
    ['formaction', '<button formaction="javascript:x()">go</button>'],
    ['xlink:href', '<svg><a xlink:href="javascript:x()"><text>go</text></a></svg>'],
  ])('finds a javascript: URL in %s', (_, markup) => {
    const [finding, ...more] = check(page({ slide: markup }));
    expect(more).toEqual([]);
    expect(finding).toMatch(/^a javascript: URL, in the slide slides\/08-timeline.md: </);
  });

  it('names a place outside the slides as such', () => {
    expect(check(page({ head: '<script>x()</script>' }))).toEqual([
      'an inline script the build did not put there, outside the slides (index.html or a build plugin): <script>x()</script>',
    ]);
  });

  it('leaves ordinary links alone', () => {
    expect(check(page({ slide: '<a href="https://example.org/javascript:">x</a><a href="#/take">y</a>' }))).toEqual([]);
  });
});
