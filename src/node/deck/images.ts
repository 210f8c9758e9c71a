import { mkdir, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { closest } from 'fastest-levenshtein';
import { imageSize } from 'image-size';
import sharp from 'sharp';
import { contentKey, writeFileAtomic } from '../cache.ts';
import { DeckError } from '../errors.ts';
import { ASSETS_DIR, isInside } from '../paths.ts';
import type { MarkdownTokens } from './markdown.ts';

/** A Markdown image of a slide, where it is written. */
export interface ImageReference {
  /** As written: a path relative to the slide file. */
  src: string;
  alt: string;
  /** 1-based line in the slide file. */
  line: number;
}

/** An image found and measured: what the slide's `<img>` gets. */
export interface ShownImage {
  /** From the project root (`./assets/x.png`): Vite bundles it under a hashed name. */
  url: string;
  width: number;
  height: number;
  /** Whether the build shrank the file to `ImageOptions.maxWidth` (the slide shows the copy). */
  resized: boolean;
}

export interface ImageOptions {
  /** The project root: image URLs are written from it. */
  root: string;
  /**
   * The widest a raster image is kept, in pixels: twice the slide's width, sharp on a high-density
   * screen; a wider one is shrunk (aspect kept) so no slide downloads pixels nobody sees.
   */
  maxWidth: number;
  /** Where shrunk copies are kept between builds, named by a hash of the file and the width. */
  cacheDir: string;
}

/** `![""](…)`: an image that is decoration on purpose, with an empty alt text. */
export const DECORATIVE_ALT = '""';
const FORMATS = ['.svg', '.png', '.jpg', '.jpeg', '.webp', '.avif'];
/** What `sharp` shrinks; an SVG scales by itself. */
const RASTER = ['.png', '.jpg', '.jpeg', '.webp', '.avif'];
const REMOTE = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/** The images of parsed Markdown, located in its file (`bodyLine`: the text's first line there). */
export function imagesIn(tokens: MarkdownTokens, bodyLine: number): ImageReference[] {
  return tokens.flatMap((token) =>
    (token.children ?? [])
      .filter((child) => child.type === 'image')
      .map((image) => ({
        src: String(image.attrGet('src') ?? ''),
        alt: image.content,
        line: bodyLine + (token.map?.[0] ?? 0),
      })),
  );
}

/**
 * Finds, checks and measures a slide's images: each must be a file (written relative to the slide,
 * usually `../assets/…`) in a format a browser shows, with alt text (or `![""](…)` on purpose). Remote images are refused: the deck works
 * offline and its CSP allows no other origin.
 */
export async function resolveImages(
  file: string,
  references: readonly ImageReference[],
  { root, maxWidth, cacheDir }: ImageOptions,
): Promise<Map<string, ShownImage>> {
  const shown = new Map<string, ShownImage>();
  for (const { src, alt, line } of references) {
    const fail = (detail: string): never => {
      throw new DeckError(file, line, `image "${src}": ${detail}`);
    };
    if (!alt.trim()) {
      fail(
        `alt text missing; describe the image (![What it shows](${src})), or write ![${DECORATIVE_ALT}](${src}) if it is decoration`,
      );
    }
    if (REMOTE.test(src)) fail('remote images are refused: the deck works offline; put the file in assets/');
    if (isAbsolute(src)) fail("write the path from the slide file (../assets/…), not from the disk's root");
    const decoded = decodePath(src) ?? fail('malformed percent-encoding (a % not followed by two hex digits of UTF-8)');
    const path = resolve(root, dirname(file), decoded);
    // The build bundles whatever file the path names: one outside the project would ship files of the
    // author's disk that are not in the repository (and not in anyone else's clone).
    const outside = `outside the project; images live inside it, e.g. in ${ASSETS_DIR}/`;
    if (!isInside(root, path)) fail(`it names ${relative(root, path)} (from the project root), ${outside}`);
    if (!FORMATS.includes(extname(path).toLowerCase()))
      fail(`found a ${extname(path) || 'file without extension'}; allowed: ${FORMATS.join(', ')}`);
    const data = await readFile(path).catch(async () => {
      const nearby = await readdir(dirname(path)).catch(() => [] as string[]);
      const guess = nearby.length > 0 ? closest(path.split('/').pop() ?? '', nearby) : undefined;
      return fail(
        `no such file (${relative(root, path)})${guess ? `; in ${relative(root, dirname(path)) || '.'}/ there is ${guess}` : ''}`,
      );
    });
    // A symbolic link inside the project can still lead out of it.
    const [realRoot, realPath] = await Promise.all([realpath(root), realpath(path)]);
    if (!isInside(realRoot, realPath)) fail(`the file is a link to ${realPath}, ${outside}`);
    const { width, height } = imageSize(data);
    const raster = RASTER.includes(extname(path).toLowerCase());
    const shrunk = raster && width > maxWidth ? await shrinkImage(data, path, maxWidth, cacheDir) : undefined;
    const url = `./${relative(root, shrunk?.path ?? path)
      .split('\\')
      .join('/')}`;
    shown.set(src, shrunk ? { url, ...shrunk, resized: true } : { url, width, height, resized: false });
  }
  return shown;
}

/** A path written in Markdown (percent-encoded by the Markdown parser), decoded; undefined when malformed. */
function decodePath(src: string): string | undefined {
  try {
    return decodeURI(src);
  } catch (error) {
    if (error instanceof URIError) return undefined;
    throw error;
  }
}

/** A copy of the image `maxWidth` pixels wide, in its own format, made once and kept in `cacheDir`. */
async function shrinkImage(
  data: Buffer,
  path: string,
  maxWidth: number,
  cacheDir: string,
): Promise<{ path: string; width: number; height: number }> {
  const extension = extname(path);
  const copy = join(
    cacheDir,
    'images',
    `${basename(path, extension)}-${contentKey(data, String(maxWidth))}${extension}`,
  );
  if (!(await stat(copy).catch(() => undefined))) {
    await mkdir(dirname(copy), { recursive: true });
    // rotate(): a photo's EXIF orientation is applied, so the copy stands as the original shows.
    await writeFileAtomic(copy, await sharp(data).rotate().resize({ width: maxWidth }).toBuffer());
  }
  const { width, height } = imageSize(await readFile(copy));
  return { path: copy, width, height };
}
