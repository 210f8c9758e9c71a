import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { EARLY_FACES } from '../../client/deck-faces.ts';
import { earlyFontsScript, type EarlyFonts } from './early-fonts-script.ts';

const MARKUP = /<\/script|<!--|<script/i;
const HOSTILE_FAMILY = 'Evil</script><script>alert(1)</script><!--';
const FONTS: EarlyFonts = {
  firstSlideId: 'title',
  faces: [
    {
      family: HOSTILE_FAMILY,
      url: './assets/a.woff2',
      descriptors: { style: 'normal', weight: '400', unicodeRange: 'U+20-7E' },
    },
  ],
};

/** Runs `code` as the page's head would at `hash` on a wide window: the faces it adds, and what it leaves for the deck's script. */
async function runInHead(code: string, hash: string): Promise<{ added: string[]; left: unknown }> {
  const added: string[] = [];
  const window: Record<string, unknown> = {
    location: { search: '', hash },
    matchMedia: () => ({ matches: false }),
  };
  function FontFace(family: string) {
    return { family, load: () => Promise.resolve() };
  }
  const document = { fonts: { add: (face: { family: string }) => added.push(face.family) } };
  runInNewContext(code, { window, document, FontFace, URLSearchParams });
  await window[EARLY_FACES];
  return { added, left: window[EARLY_FACES] };
}

describe('the early-fonts script', () => {
  it('adds every face on a deep link and leaves its load for the deck’s script; on the first slide, nothing', async () => {
    const code = await earlyFontsScript(process.cwd(), FONTS);
    const deep = await runInHead(code, '#/timeline');
    expect(deep.added).toEqual([HOSTILE_FAMILY]);
    expect(deep.left).toHaveProperty('then'); // a promise of the script's own realm
    expect(await runInHead(code, '#/title')).toEqual({ added: [], left: undefined });
  });

  it('holds no markup that could end its element, whatever the deck’s names hold', async () => {
    expect(await earlyFontsScript(process.cwd(), FONTS)).not.toMatch(MARKUP);
  });
});
