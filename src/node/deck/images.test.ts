import { mkdir, mkdtemp, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { rejectionOf } from '../__fixtures__/rejection.ts';
import { DeckError } from '../errors.ts';
import { imagesIn, resolveImages, type ImageOptions } from './images.ts';
import { parseMarkdown, renderMarkdown } from './markdown.ts';

const root = process.cwd();
const FILE = 'slides/03-take.md';
const scratch = await mkdtemp(join(tmpdir(), 'deck-images-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));
const options: ImageOptions = { root, maxWidth: 2560, cacheDir: join(scratch, 'cache') };

async function shown(markdown: string, { lazy = false } = {}): Promise<string> {
  const tokens = parseMarkdown(markdown);
  const images = await resolveImages(FILE, imagesIn(tokens, 6), options);
  return renderMarkdown(tokens, { images, lazyImages: lazy });
}

async function rejection(markdown: string): Promise<string> {
  return (await rejectionOf(resolveImages(FILE, imagesIn(parseMarkdown(markdown), 6), options), DeckError)).message;
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
    ['whose encoding is malformed', '![A logo](../assets/%E0%A4%A.png)', /:8: image ".*": malformed percent-encoding/],
  ])('are refused %s, with the file and line', async (_, markdown, message) => {
    expect(await rejection(`Text.\n\n${markdown}\n`)).toMatch(new RegExp(`^${FILE}${message.source}`));
  });

  it('are refused outside the project, by a path that climbs out or by a link', async () => {
    const project = join(scratch, 'inside');
    await mkdir(join(project, 'assets'), { recursive: true });
    await mkdir(join(project, 'slides'), { recursive: true });
    const image = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    await writeFile(join(scratch, 'outside.png'), image);
    await symlink(join(scratch, 'outside.png'), join(project, 'assets', 'linked.png'));
    const at = { ...options, root: project };
    const refusal = async (markdown: string): Promise<string> =>
      (await rejectionOf(resolveImages(FILE, imagesIn(parseMarkdown(markdown), 6), at), DeckError)).message;

    expect(await refusal('![x](../../outside.png)\n')).toBe(
      `${FILE}:6: image "../../outside.png": it names ../outside.png (from the project root), outside the project; images live inside it, e.g. in assets/`,
    );
    expect(await refusal('![x](../assets/linked.png)\n')).toBe(
      `${FILE}:6: image "../assets/linked.png": the file is a link to ${join(scratch, 'outside.png')}, outside the project; images live inside it, e.g. in assets/`,
    );
  });
});

describe('large raster images', () => {
  const photo = (width: number, height: number): Promise<Buffer> =>
    sharp({ create: { width, height, channels: 3, background: '#0b4f94' } })
      .png()
      .toBuffer();

  it('are shrunk to the widest a slide needs, aspect kept, once, and the slide shows the copy', async () => {
    const project = join(scratch, 'project');
    await mkdir(join(project, 'assets'), { recursive: true });
    await writeFile(join(project, 'assets', 'wide.png'), await photo(6000, 1500));
    await writeFile(join(project, 'assets', 'small.png'), await photo(800, 600));
    const at = { ...options, root: project, cacheDir: join(project, 'cache') };
    const references = imagesIn(parseMarkdown('![Wide](../assets/wide.png) ![Small](../assets/small.png)\n'), 6);

    const images = await resolveImages(FILE, references, at);
    const wide = images.get('../assets/wide.png')!;
    expect(wide).toMatchObject({ width: 2560, height: 640, resized: true });
    expect(wide.url).toMatch(/^\.\/cache\/images\/wide-[0-9a-f]+\.png$/);
    expect(await sharp(join(project, wide.url)).metadata()).toMatchObject({ width: 2560, height: 640, format: 'png' });
    expect(images.get('../assets/small.png')).toEqual({
      url: './assets/small.png',
      width: 800,
      height: 600,
      resized: false,
    });

    const made = (await stat(join(project, wide.url))).mtimeMs;
    expect((await resolveImages(FILE, references, at)).get('../assets/wide.png')!.url).toBe(wide.url);
    expect((await stat(join(project, wide.url))).mtimeMs).toBe(made);
  });
});
