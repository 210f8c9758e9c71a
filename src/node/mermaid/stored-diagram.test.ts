import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DeckError } from '../errors.ts';
import { parseStoredDiagram, type StoredDiagramOrigin } from './stored-diagram.ts';
import type { StoredDiagram } from './svg.ts';
import { CSS_PAYLOADS, SVG_PAYLOADS } from './__fixtures__/tampering.ts';

const origin: StoredDiagramOrigin = {
  file: 'slides/.rendered/0123456789abcdef.json',
  source: { code: '', file: 'slides/08-x.md', line: 10 },
};
/** Where every error about the stored diagram starts, and how it ends. */
const PREFIX =
  'slides/.rendered/0123456789abcdef.json:1: the stored diagram of slides/08-x.md:10 was not written by this build: ';
const ADVICE =
  '. Delete slides/.rendered/0123456789abcdef.json and run the build again to render the diagram afresh (this needs a browser once)';

let diagram: StoredDiagram;
beforeAll(async () => {
  const svg = await readFile(join(import.meta.dirname, '__fixtures__', 'timeline.svg'), 'utf8');
  diagram = {
    svg: svg.trim(),
    styleClass: 'mermaid-style-2afa22173b06f19e',
    css: '.mermaid-style-2afa22173b06f19e .node-bkg{fill:url(#mermaid-style-2afa22173b06f19e-gradient)}',
  };
});

/** The error `parseStoredDiagram` throws for `data`, as its message without the common start and end. */
function problemWith(data: string): string {
  let thrown: unknown;
  try {
    parseStoredDiagram(data, origin);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(DeckError);
  const { message } = thrown as DeckError;
  expect(message.startsWith(PREFIX) && message.endsWith(ADVICE), message).toBe(true);
  return message.slice(PREFIX.length, -ADVICE.length);
}

describe('parseStoredDiagram', () => {
  it('returns a stored diagram this build wrote, unchanged', () => {
    expect(parseStoredDiagram(JSON.stringify(diagram), origin)).toEqual(diagram);
  });

  it.each(SVG_PAYLOADS)('refuses a render whose svg gained $name, quoting it', ({ payload }) => {
    const svg = diagram.svg.replace('<g class="taskWrapper"', `${payload}<g class="taskWrapper"`);
    const problem = problemWith(JSON.stringify({ ...diagram, svg }));
    expect(problem).toMatch(/^its svg holds what the sanitiser does not allow, near "….*"$/);
    // The quote shows where the sanitised svg differs: in the payload, which starts at most 40 characters before.
    expect(JSON.parse(problem.slice(problem.indexOf('"')))).toContain(payload.slice(0, 10));
  });

  it.each(CSS_PAYLOADS)('refuses a render whose css holds $construct', ({ css, construct }) => {
    expect(problemWith(JSON.stringify({ ...diagram, css: diagram.css + css }))).toBe(`its css holds ${construct}`);
  });

  it('refuses a render whose css holds a filter (Chromium would print the diagram as a bitmap)', () => {
    expect(problemWith(JSON.stringify({ ...diagram, css: '.a{filter:blur(1px)}' }))).toBe('its css holds a filter');
  });

  it.each([
    [
      'not JSON',
      '<<<<<<< HEAD\n{"svg":',
      /^not JSON \(Unexpected token '<', "<<<<<<< HEAD {"svg":" is not valid JSON\)$/,
    ],
    [
      'JSON of another shape',
      '[1, 2]',
      /^not a stored diagram: the file: Invalid input: expected object, received array$/,
    ],
    [
      'a missing field',
      JSON.stringify({ svg: '<svg></svg>', css: '' }),
      /^not a stored diagram: field "styleClass": .*expected string, received undefined$/,
    ],
    [
      'a field of the wrong type',
      JSON.stringify({ svg: 1, styleClass: 'mermaid-style-0123456789abcdef', css: '' }),
      /^not a stored diagram: field "svg": .*expected string, received number$/,
    ],
    [
      'an unknown field',
      JSON.stringify({ svg: '<svg></svg>', styleClass: 'mermaid-style-0123456789abcdef', css: '', script: 'x' }),
      /^not a stored diagram: the file: Unrecognized key: "script"$/,
    ],
    [
      'a style class that is not a content key',
      JSON.stringify({ svg: '<svg></svg>', styleClass: 'x" onload="y', css: '' }),
      /^not a stored diagram: field "styleClass": expected "mermaid-style-" and 16 hex digits$/,
    ],
    [
      'an svg that is not one',
      JSON.stringify({ svg: '<script>x</script>', styleClass: 'mermaid-style-0123456789abcdef', css: '' }),
      /^not a stored diagram: field "svg": expected an SVG, "<svg …"$/,
    ],
  ])('refuses %s, naming the file and what was wrong', (_, data, problem) => {
    expect(problemWith(data)).toMatch(problem);
  });
});
