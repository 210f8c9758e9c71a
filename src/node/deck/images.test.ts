import { describe, expect, it } from 'vitest';
import { DeckError } from '../errors.ts';
import { imagesIn, resolveImages } from './images.ts';
import { parseMarkdown, renderMarkdown } from './markdown.ts';

const root = process.cwd();
const FILE = 'slides/03-take.md';

async function shown(markdown: string, { lazy = false } = {}): Promise<string> {
  const tokens = parseMarkdown(markdown);
  const images = await resolveImages(FILE, imagesIn(tokens, 6), root);
  return renderMarkdown(tokens, { images, lazyImages: lazy });
}

async function rejection(markdown: string): Promise<string> {
  const error = await resolveImages(FILE, imagesIn(parseMarkdown(markdown), 6), root).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (error instanceof DeckError) return error.message;
  throw new Error(`expected a DeckError, got ${String(error)}`);
}

describe('slide images', () => {
  it('point at the file from the project root, with its size, decoded off the main thread', async () => {
    expect(await shown('![The deck’s icon](../assets/favicon.svg)\n')).toBe(
      '<p><img src="./assets/favicon.svg" alt="The deck’s icon" width="32" height="32" decoding="async"></p>\n',
    );
  });

  it('load lazily but on the first slide, and keep an empty alt only when said on purpose', async () => {
    expect(await shown('![""](../assets/favicon.svg)\n', { lazy: true })).toContain(
      'alt="" width="32" height="32" loading="lazy" decoding="async"',
    );
  });

  it.each([
    [
      'without alt text',
      '![](../assets/favicon.svg)',
      /:8: image "..\/assets\/favicon.svg": alt text missing; describe the image/,
    ],
    ['from another origin', '![A logo](https://example.com/logo.png)', /:8: image ".*": remote images are refused/],
    [
      'by a path from the disk root',
      '![A logo](/etc/logo.png)',
      /:8: image "\/etc\/logo.png": write the path from the slide file/,
    ],
    [
      'in a format browsers do not show',
      '![A scan](../assets/source/xensource-keynote-2006.txt)',
      /:8: image ".*": found a .txt; allowed: .svg, .png/,
    ],
    [
      'that is not there, naming what is',
      '![An icon](../assets/favicon.png)',
      /:8: image ".*": no such file \(assets\/favicon.png\); in assets\/ there is favicon.svg$/,
    ],
  ])('are refused %s, with the file and line', async (_, markdown, message) => {
    expect(await rejection(`Text.\n\n${markdown}\n`)).toMatch(new RegExp(`^${FILE}${message.source}`));
  });
});
