import { mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { rejectionOf } from '../__fixtures__/rejection.ts';
import { DeckError } from '../errors.ts';
import {
  formatBytes,
  imageBudgetWarnings,
  imagesIn,
  imagesSummary,
  resolveImages,
  type ImageOptions,
} from './images.ts';
import { parseMarkdown, renderMarkdown } from './markdown.ts';
import { parseDeck, renderDeck, type SourceFile } from './pipeline.ts';
import { BrowserSession } from '../browser.ts';

const root = process.cwd();
const FILE = 'slides/03-take.md';
const scratch = await mkdtemp(join(tmpdir(), 'deck-images-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));
/** An `<img>` tag of rendered HTML. */
const IMG = /<img [^>]*>/g;
const options: ImageOptions = { root, maxWidth: 2560, maxHeight: 1440, cacheDir: join(scratch, 'cache') };

async function shown(markdown: string): Promise<string> {
  const tokens = parseMarkdown(markdown);
  const images = await resolveImages(FILE, imagesIn(tokens, 6), options);
  return renderMarkdown(tokens, { images, lazyImages: false });
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
    // The whole deck's rendering decides which slides load their images lazily: three slides, each
    // with the same image, the second's alt empty on purpose.
    const slide = (n: number, kind: string, alt: string): SourceFile => ({
      file: `slides/0${n}-image.md`,
      source: `---\nkind: ${kind}\nid: image-${n}\ntitle: Image ${n}\n---\n\n![${alt}](../assets/favicon.svg)\n\nNotes:\n\nN.\n`,
    });
    const deck = parseDeck({
      settings: { file: 'slides/deck.yml', source: 'title: T\ndescription: D\nlang: en\nslug: t\n' },
      slides: [slide(1, 'title', 'The icon'), slide(2, 'content', '""'), slide(3, 'content', 'The icon again')],
    });
    // No diagram to draw: a browser or a stored render asked for would be a fault of its own.
    const noBrowser = new BrowserSession(() => Promise.reject(new Error('no browser in this test')));
    const store = {
      dir: join(scratch, 'renders'),
      read: () => Promise.resolve(undefined),
      write: () => Promise.reject(new Error('nothing to store')),
    };
    const { html } = await renderDeck(deck, { store, browser: noBrowser }, { root, cacheDir: join(scratch, 'cache') });
    const images = [...html.matchAll(IMG)].map(([tag]) => tag);
    expect(images).toHaveLength(3);
    expect(images[0]).not.toContain('loading=');
    expect(images[0]).toContain('alt="The icon"');
    expect(images[1]).toContain('alt="" width="32" height="32" loading="lazy" decoding="async"');
    expect(images[2]).toContain('loading="lazy"');
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

describe('raster images', () => {
  /** A photo-like 16-bit PNG: colour waves with fine noise (pseudo-random, the same every run). */
  const photo16 = (width: number, height: number): Promise<Buffer> => {
    const pixels = new Uint16Array(width * height * 3);
    let seed = 1;
    for (let index = 0; index < pixels.length; index++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const x = Math.floor(index / 3) % width;
      const wave = Math.sin(x / 37 + (index % 3) + Math.floor(index / 3 / width) / 53);
      pixels[index] = Math.round(32768 + 26000 * wave + (seed / 0x7fffffff - 0.5) * 6000);
    }
    return sharp(pixels, { raw: { width, height, channels: 3 } })
      .toColourspace('rgb16')
      .png()
      .toBuffer();
  };
  const flat = (width: number, height: number): Promise<Buffer> =>
    sharp({ create: { width, height, channels: 3, background: '#0b4f94' } })
      .png()
      .toBuffer();
  const project = join(scratch, 'project');
  const at = { ...options, root: project, maxWidth: 800, maxHeight: 450, cacheDir: join(project, 'cache') };
  const resolve = (markdown: string) => resolveImages(FILE, imagesIn(parseMarkdown(markdown), 6), at);
  const write = async (name: string, data: Buffer): Promise<void> => {
    await mkdir(join(project, 'assets'), { recursive: true });
    await writeFile(join(project, 'assets', name), data);
  };

  it('ship a 16-bit photo as an 8-bit JPEG within twice the slide, its attributes those of the copy, made once', async () => {
    const original = await photo16(1600, 900);
    expect(await sharp(original).metadata()).toMatchObject({ depth: 'ushort', format: 'png' });
    await write('photo.png', original);

    const image = (await resolve('![A photo](../assets/photo.png)\n')).get('../assets/photo.png')!;
    expect(image.url).toMatch(/^\.\/cache\/images\/photo-[0-9a-f]+\.jpg$/);
    const shipped = await readFile(join(project, image.url));
    expect(await sharp(shipped).metadata()).toMatchObject({ format: 'jpeg', depth: 'uchar', width: 800, height: 450 });
    expect(image).toMatchObject({ width: 800, height: 450 });
    expect(image.report).toEqual({
      file: 'assets/photo.png',
      before: original.length,
      after: shipped.length,
      width: 800,
      height: 450,
      format: 'JPEG',
    });
    expect(shipped.length).toBeLessThan(original.length / 20);

    const made = (await stat(join(project, image.url))).mtimeMs;
    expect((await resolve('![A photo](../assets/photo.png)\n')).get('../assets/photo.png')!.url).toBe(image.url);
    expect((await stat(join(project, image.url))).mtimeMs).toBe(made);
  });

  it('are never enlarged, and a graphic ships lossless, never heavier than the original', async () => {
    const original = await flat(400, 300);
    await write('chart.png', original);
    const image = (await resolve('![A chart](../assets/chart.png)\n')).get('../assets/chart.png')!;
    expect(image).toMatchObject({ width: 400, height: 300 });
    expect(image.report!.after).toBeLessThanOrEqual(original.length);
    const shipped = await sharp(join(project, image.url)).raw().toBuffer({ resolveWithObject: true });
    const source = await sharp(original).raw().toBuffer();
    expect(shipped.data.equals(source)).toBe(true);
  });

  it('keep an 8-bit, upright, small and efficiently encoded original as it is', async () => {
    const small = await sharp(await photo16(320, 180))
      .jpeg({ quality: 50, mozjpeg: true })
      .toBuffer();
    await write('small.jpg', small);
    const image = (await resolve('![Small](../assets/small.jpg)\n')).get('../assets/small.jpg')!;
    expect(image).toMatchObject({ url: './assets/small.jpg', width: 320, height: 180 });
    expect(image.report).toMatchObject({ before: small.length, after: small.length, format: 'JPEG' });
  });

  it('stand upright: a photo turned by its EXIF orientation gets the turned size', async () => {
    const turned = await sharp(await photo16(320, 180))
      .jpeg({ quality: 50 })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    await write('turned.jpg', turned);
    const image = (await resolve('![Turned](../assets/turned.jpg)\n')).get('../assets/turned.jpg')!;
    expect(image).toMatchObject({ width: 180, height: 320 });
    expect(await sharp(join(project, image.url)).metadata()).toMatchObject({ width: 180, height: 320 });
  });

  it('are reported once each, and one over the budget is named with its slide, line and file', async () => {
    await write('heavy.png', await photo16(1600, 900));
    await write('light.png', await flat(400, 300));
    const markdown = '![A chart](../assets/light.png)\n\n![Heavy](../assets/heavy.png)\n';
    const references = imagesIn(parseMarkdown(markdown), 6);
    const images = await resolveImages(FILE, references, at);
    const heavy = images.get('../assets/heavy.png')!.report!;
    const budget = heavy.after - 1;
    expect(images.get('../assets/light.png')!.report!.after).toBeLessThan(budget);
    expect(imageBudgetWarnings(FILE, references, images, budget)).toEqual([
      `${FILE}:8: image "../assets/heavy.png" (assets/heavy.png) weighs ${formatBytes(heavy.after)} as shipped (800×450 JPEG), over the budget of ${formatBytes(budget)} per image: crop it, or make it smaller or simpler`,
    ]);
    expect(imageBudgetWarnings(FILE, references, images, heavy.after)).toEqual([]);
    const reports = [...images.values()].map((image) => image.report!);
    expect(imagesSummary([...reports, ...reports])).toMatch(
      /^images \d+\.\d MiB → \d+ KiB \(assets\/light\.png \d+ KiB → \d+ B, 400×300 WebP; assets\/heavy\.png \d+\.\d MiB → \d+ KiB, 800×450 JPEG\)$/,
    );
  });
});
