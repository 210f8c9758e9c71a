import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDeck, readDeckSource, type SourceFile } from './pipeline.ts';

const settings: SourceFile = { file: 'slides/deck.yml', source: 'title: T\ndescription: D\nlang: en\nslug: t\n' };
const step = (n: number, file = `slides/0${n}-step-${n}.md`): SourceFile => ({
  file,
  source: `---\nkind: step\ntitle: S\nstep: ${n}\nstatus: Done.\nadvantage: None\n---\nx\nNotes:\ny\n`,
});
const tally: SourceFile = { file: 'slides/09-tally.md', source: '---\nkind: tally\ntitle: T\n---\nx\nNotes:\ny\n' };

describe('parseDeck', () => {
  it('tallies the step slides', () => {
    const deck = parseDeck({ settings, slides: [step(1), step(2), tally] });
    expect(deck.tally.totals.find((t) => t.party === 'None')?.count).toBe(2);
  });

  it('rejects two steps with one number', () => {
    expect(() => parseDeck({ settings, slides: [step(1), step(1, 'slides/02-again.md')] })).toThrow(
      'slides/02-again.md:1: field "step": 1 is also the number of "S"; each step needs its own',
    );
  });

  it('rejects a tally with no steps to count', () => {
    expect(() => parseDeck({ settings, slides: [tally] })).toThrow(
      'slides/09-tally.md:1: kind "tally": no slide of kind "step"',
    );
  });

  it('rejects a deck without slides', () => {
    expect(() => parseDeck({ settings, slides: [] })).toThrow('slides/deck.yml:1: slides: none found');
  });
});

describe('readDeckSource', () => {
  it('names a missing settings file and any file that is not a slide', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'deck-source-'));
    try {
      await expect(readDeckSource(dir, '.')).rejects.toThrow('deck.yml:1: deck settings: file missing');
      await writeFile(join(dir, 'deck.yml'), settings.source);
      await writeFile(join(dir, 'notes.txt'), 'stray');
      const source = await readDeckSource(dir, '.');
      expect(() => parseDeck(source)).toThrow('notes.txt:1: file name: found "notes.txt"; expected NN-name.md');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
