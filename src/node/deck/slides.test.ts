import { describe, expect, it } from 'vitest';
import { DeckError } from '../errors.ts';
import { orderSlides, parseDeckSettings, parseSlide } from './slides.ts';

const slide = (frontMatter: string, body = 'Body text.\n', notes = 'Some notes.\n'): string =>
  `---\n${frontMatter}\n---\n${body}\nNotes:\n${notes}`;
const step = (fields: Record<string, string | number>): string =>
  slide(
    Object.entries({ kind: 'step', title: 'A step', step: 1, status: 'Done.', advantage: 'None', ...fields })
      .map(([k, v]) => `${k}: ${v}`)
      .join('\n'),
  );

function errorOf(run: () => unknown): DeckError {
  try {
    run();
  } catch (error) {
    if (error instanceof DeckError) return error;
    throw error;
  }
  throw new Error('expected a DeckError');
}

describe('parseSlide', () => {
  it('reads the order and id from the file name, and splits body and notes', () => {
    const parsed = parseSlide(
      'slides/03-take.md',
      slide('kind: content\ntitle: Take', 'Body **here**.\n', 'Say this.\n'),
    );
    expect(parsed).toMatchObject({ id: 'take', body: 'Body **here**.\n\n', notes: 'Say this.', bodyLine: 5 });
  });

  it('prefers an id from the front matter', () => {
    expect(parseSlide('slides/05-step-one.md', step({ id: 'step-1' })).id).toBe('step-1');
  });

  it.each([
    [
      'an unknown slide kind',
      slide('kind: chart\ntitle: x'),
      2,
      'field "kind": found "chart"; allowed: "title", "content", "step", "tally"',
    ],
    ['a missing kind', slide('title: x'), 2, 'field "kind": missing; allowed: "title"'],
    [
      'a missing required field',
      step({ status: '' }).replace('status: \n', ''),
      2,
      'field "status": missing; expected string',
    ],
    [
      'a verdict outside its set',
      step({ advantage: 'Vmware' }),
      6,
      'field "advantage": found "Vmware"; allowed: "VMware", "XenSource", "None"',
    ],
    ['a step number that is not a number', step({ step: 'one' }), 4, 'field "step": found "one"; expected number'],
    [
      'an unknown field',
      slide('kind: content\ntitle: x\nverdict: VMware'),
      4,
      'field "verdict": unknown field; allowed: "kind", "title", "id", "image", "fragments", "weight"',
    ],
    [
      'a misspelt field, before the field it leaves missing',
      slide('kind: content\ntilte: x'),
      3,
      'field "tilte": unknown field; did you mean "title"?',
    ],
    ['a title of spaces', slide("kind: content\ntitle: '   '"), 3, 'field "title": found "   "; empty or only spaces'],
    ['a blank status', step({ status: "' '" }), 5, 'field "status": found " "; empty or only spaces'],
  ])('rejects %s, naming the file, line and field', (_, source, line, message) => {
    const error = errorOf(() => parseSlide('slides/05-step-1.md', source));
    expect(error.file).toBe('slides/05-step-1.md');
    expect(error.line).toBe(line);
    expect(error.message).toContain(`slides/05-step-1.md:${line}: ${message}`);
  });

  it('rejects broken YAML at its line and column, showing the line with a caret and no stack trace', () => {
    const error = errorOf(() => parseSlide('slides/05-step-1.md', slide('kind: content\ntitle: [x')));
    expect(error.message).toMatch(/^slides\/05-step-1.md:3:\d+: YAML: .+\n {2}title: \[x\n {2}\s*\^$/);
    expect(error.column).toBeGreaterThan(1);
    expect(error.stack).not.toMatch(/\n\s+at /);
  });

  it('rejects a slide without speaker notes', () => {
    const error = errorOf(() => parseSlide('slides/02-x.md', '---\nkind: content\ntitle: x\n---\nJust a body.\n'));
    expect(error.message).toBe(
      'slides/02-x.md:5: speaker notes: missing; expected a line "Notes:" followed by the notes',
    );
  });

  it('rejects a file name without a numeric prefix', () => {
    expect(errorOf(() => parseSlide('slides/intro.md', slide('kind: content\ntitle: x'))).message).toContain(
      'expected NN-name.md',
    );
  });

  it('rejects a file without front matter', () => {
    expect(errorOf(() => parseSlide('slides/01-x.md', '# Hello\n')).message).toContain('front matter: missing');
  });
});

describe('orderSlides', () => {
  it('orders by file name as `ls` does, so a slide goes in between without renaming the others', () => {
    const files = ['slides/05-step.md', 'slides/045-layers.md', 'slides/10-ten.md', 'slides/04-outlook.md'];
    const ordered = orderSlides(files.map((file) => parseSlide(file, slide('kind: content\ntitle: x'))));
    expect(ordered.map((s) => s.id)).toEqual(['outlook', 'layers', 'step', 'ten']);
  });

  it('rejects two slides with one id', () => {
    const a = parseSlide('slides/02-a.md', slide('kind: content\ntitle: x'));
    const c = parseSlide('slides/03-c.md', slide('kind: content\ntitle: x\nid: a'));
    expect(errorOf(() => orderSlides([a, c])).message).toBe(
      'slides/03-c.md:1: id: "a" is also the id of slides/02-a.md; ids must be unique',
    );
  });

  it("rejects a slide id that is another slide's heading id", () => {
    const take = parseSlide('slides/03-take.md', slide('kind: content\ntitle: x'));
    const clash = parseSlide('slides/04-x.md', slide('kind: content\ntitle: x\nid: take-heading'));
    expect(errorOf(() => orderSlides([take, clash])).message).toBe(
      'slides/04-x.md:1: id: "take-heading" is the id of the heading of slides/03-take.md; choose an id not ending in "-heading"',
    );
  });
});

describe('parseDeckSettings', () => {
  it('fills the default slide size', () => {
    expect(parseDeckSettings('slides/deck.yml', 'title: T\ndescription: D\nlang: en\nslug: t')).toMatchObject({
      width: 1280,
      height: 720,
    });
  });

  it('names the field that is wrong', () => {
    expect(
      errorOf(() => parseDeckSettings('slides/deck.yml', 'title: T\ndescription: D\nlang: English\nslug: t')).message,
    ).toMatch(/^slides\/deck.yml:3: field "lang": found "English"/);
  });
});
