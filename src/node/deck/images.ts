import { mkdir, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
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

/** What the build made of a raster image: shown by the deck's size report and budget check. */
export interface ImageReport {
  /** The original, from the project root (`assets/photo.png`). */
  file: string;
  /** The original's size in bytes. */
  before: number;
  /** The size the deck ships, in bytes. */
  after: number;
  width: number;
  height: number;
  /** The format shipped: `JPEG`, `WebP`, or the original's when it was kept. */
  format: string;
}

/** An image found and measured: what the slide's `<img>` gets. */
export interface ShownImage {
  /** From the project root (`./assets/x.png`): Vite bundles it under a hashed name. */
  url: string;
  /** What the slide's `width` and `height` attributes say: the file shipped, upright. */
  width: number;
  height: number;
  /** For a raster image: what the build shipped of it. */
  report?: ImageReport;
}

export interface ImageOptions {
  /** The project root: image URLs are written from it. */
  root: string;
  /**
   * The largest box a raster image is kept in, in pixels: twice the slide's size, sharp on a
   * high-density screen; a larger one is shrunk (aspect kept) so no slide downloads pixels nobody sees.
   */
  maxWidth: number;
  maxHeight: number;
  /** Where re-encoded copies are kept between builds, named by a hash of the file and the settings. */
  cacheDir: string;
}

/** `![""](…)`: an image that is decoration on purpose, with an empty alt text. */
export const DECORATIVE_ALT = '""';
const FORMATS = ['.svg', '.png', '.jpg', '.jpeg', '.webp', '.avif'];
/** What `sharp` re-encodes; an SVG scales by itself and is shipped as written. */
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
  { root, maxWidth, maxHeight, cacheDir }: ImageOptions,
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
    // A deck kept elsewhere (`DECK_SLIDES=../talk/slides`) has its images beside its slides folder.
    const deckFolder = dirname(dirname(resolve(root, file)));
    const within = (folders: readonly string[], target: string) => folders.some((folder) => isInside(folder, target));
    if (!within([root, deckFolder], path)) fail(`it names ${relative(root, path)} (from the project root), ${outside}`);
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
    const [realRoot, realDeck, realPath] = await Promise.all([realpath(root), realpath(deckFolder), realpath(path)]);
    if (!within([realRoot, realDeck], realPath)) fail(`the file is a link to ${realPath}, ${outside}`);
    if (!RASTER.includes(extname(path).toLowerCase())) {
      const { width, height } = imageSize(data);
      shown.set(src, { url: projectUrl(root, path), width, height });
      continue;
    }
    const made = await encodedImage(data, path, { maxWidth, maxHeight }, join(cacheDir, 'images'));
    const original = relative(root, path).split(sep).join('/');
    const report = {
      file: original,
      before: data.length,
      after: made.bytes,
      width: made.width,
      height: made.height,
      format: made.format,
    };
    shown.set(src, { url: projectUrl(root, made.path ?? path), width: made.width, height: made.height, report });
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

/** A file's URL from the project root (`./assets/x.png`), as Vite resolves it. */
function projectUrl(root: string, path: string): string {
  return `./${relative(root, path).split(sep).join('/')}`;
}

/**
 * The most an image may weigh after re-encoding, in bytes (README, images): beyond it, a phone on a
 * venue's network waits for it. The build warns, naming the file, and still ships it.
 */
export const IMAGE_BUDGET_BYTES = 300 * 1024;

/**
 * How the build re-encodes raster images. Measured on a 1600×900 16-bit plasma PNG (8.2 MiB):
 * mozjpeg at quality 80 gives 117 KiB in 0.17 s; WebP at 80, 154 KiB (128 KiB at effort 6, 0.6 s);
 * AVIF at 50, 24 KiB but 4.2 s; lossless WebP 2.4 MiB. And Chromium's PDF embeds a JPEG as it is
 * (the page: 118 KiB) but any other format as raw pixels (the WebP: 3.5 MiB). So a photo ships as
 * JPEG; a graphic (a screenshot, a chart: lossless is not much bigger than lossy) as lossless WebP,
 * pixel-exact and smaller than PNG; a photo with transparency, which JPEG cannot carry, as lossy WebP.
 */
const ENCODING = {
  jpegQuality: 80,
  webpQuality: 80,
  /** Lossless is chosen while it weighs at most this many times the lossy encoding. */
  losslessAllowance: 1.5,
} as const;

/** Encoded output of `encodeImage`: the bytes to ship, or none when the original is the best. */
export interface EncodedImage {
  /** Undefined: ship the original as it is. */
  data: Uint8Array | undefined;
  /** File extension of `data`, with the dot (`.jpg`). */
  extension: string;
  /** For the report: `JPEG`, `WebP`, `PNG`, `AVIF`. */
  format: string;
  /** As shown: after the photo's EXIF orientation is applied. */
  width: number;
  height: number;
}

const FORMAT_NAMES: Record<string, string> = { jpeg: 'JPEG', png: 'PNG', webp: 'WebP', avif: 'AVIF', heif: 'AVIF' };

/**
 * Re-encodes a raster image to what a browser and the PDF need: within `maxWidth`×`maxHeight` (never
 * enlarged), 8 bits per channel, upright, in the format of `ENCODING`. An original that needs none of
 * that (8-bit, upright, small enough) and is already no bigger than the re-encoding is kept: a build
 * never makes an image heavier. Animated images are kept as they are (sharp would keep one frame).
 */
export async function encodeImage(
  data: Uint8Array,
  { maxWidth, maxHeight }: { maxWidth: number; maxHeight: number },
): Promise<EncodedImage> {
  const meta = await sharp(data).metadata();
  // EXIF orientations 5 to 8 turn the picture a quarter: its shown width is the stored height.
  const turned = (meta.orientation ?? 1) >= 5;
  const [width, height] = turned ? [meta.height, meta.width] : [meta.width, meta.height];
  const original: EncodedImage = {
    data: undefined,
    extension: `.${meta.format === 'jpeg' ? 'jpg' : meta.format}`,
    format: FORMAT_NAMES[meta.format] ?? meta.format,
    width,
    height,
  };
  if ((meta.pages ?? 1) > 1) return original;
  const fits = width <= maxWidth && height <= maxHeight;
  const keepable = fits && meta.depth === 'uchar' && (meta.orientation ?? 1) === 1;
  const opaque = !meta.hasAlpha || (await sharp(data).stats()).isOpaque;
  const pipeline = () => {
    const image = sharp(data)
      .rotate()
      .resize({ width: maxWidth, height: maxHeight, fit: 'inside', withoutEnlargement: true });
    return opaque ? image.removeAlpha() : image;
  };
  const [lossy, lossless] = await Promise.all([
    (opaque
      ? pipeline().jpeg({ quality: ENCODING.jpegQuality, mozjpeg: true })
      : pipeline().webp({ quality: ENCODING.webpQuality })
    ).toBuffer({ resolveWithObject: true }),
    pipeline().webp({ lossless: true }).toBuffer({ resolveWithObject: true }),
  ]);
  const chosen = lossless.data.length <= lossy.data.length * ENCODING.losslessAllowance ? lossless : lossy;
  const format = chosen.info.format;
  // Kept only in the format the build would choose: the PDF embeds a JPEG as it is, other formats as raw pixels.
  if (keepable && meta.format === format && data.length <= chosen.data.length) return original;
  return {
    data: chosen.data,
    extension: format === 'jpeg' ? '.jpg' : `.${format}`,
    format: FORMAT_NAMES[format] ?? format,
    width: chosen.info.width,
    height: chosen.info.height,
  };
}

/** What the cache keeps of an encoding: the copy's file name (none: the original), and its size. */
interface CachedEncoding {
  file: string | undefined;
  bytes: number;
  format: string;
  width: number;
  height: number;
}

/**
 * `encodeImage`, made once per content and settings and kept in `dir` (a copy and a small record of
 * the decision beside it), so a rebuild re-encodes nothing. `path`: a copy's path, none for the original.
 */
async function encodedImage(
  data: Buffer,
  path: string,
  limits: { maxWidth: number; maxHeight: number },
  dir: string,
): Promise<{ path: string | undefined; bytes: number; format: string; width: number; height: number }> {
  const name = `${basename(path, extname(path))}-${contentKey(data, JSON.stringify({ ...limits, ...ENCODING, sharp: sharp.versions.sharp }))}`;
  const record = join(dir, `${name}.json`);
  let cached = await readFile(record, 'utf8')
    .then((text) => JSON.parse(text) as CachedEncoding)
    .catch(() => undefined);
  if (cached?.file !== undefined && !(await stat(join(dir, cached.file)).catch(() => undefined))) cached = undefined;
  if (!cached) {
    const encoded = await encodeImage(data, limits);
    const file = encoded.data ? `${name}${encoded.extension}` : undefined;
    await mkdir(dir, { recursive: true });
    if (file && encoded.data) await writeFileAtomic(join(dir, file), encoded.data);
    const { format, width, height } = encoded;
    cached = { file, bytes: encoded.data?.length ?? data.length, format, width, height };
    await writeFileAtomic(record, JSON.stringify(cached));
  }
  return { ...cached, path: cached.file === undefined ? undefined : join(dir, cached.file) };
}

/** `1.2 MiB`, `117 KiB`, `512 B`: image sizes in the build's report. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} B`;
}

/**
 * The build's line on the deck's raster images, each once: what they weighed and what ships
 * (`images 8.2 MiB → 117 KiB (assets/photo.png 8.2 MiB → 117 KiB, 1600×900 JPEG)`); undefined without any.
 */
export function imagesSummary(reports: readonly ImageReport[]): string | undefined {
  const unique = [...new Map(reports.map((report) => [report.file, report])).values()];
  if (unique.length === 0) return undefined;
  const sum = (pick: (report: ImageReport) => number) => unique.reduce((total, report) => total + pick(report), 0);
  const each = unique.map(
    ({ file, before, after, width, height, format }) =>
      `${file} ${formatBytes(before)} → ${formatBytes(after)}, ${width}×${height} ${format}`,
  );
  return `images ${formatBytes(sum((report) => report.before))} → ${formatBytes(sum((report) => report.after))} (${each.join('; ')})`;
}

/** A warning (`file:line: …`) for each image of a slide that still weighs more than `budget` bytes as shipped. */
export function imageBudgetWarnings(
  file: string,
  references: readonly ImageReference[],
  shown: ReadonlyMap<string, ShownImage>,
  budget = IMAGE_BUDGET_BYTES,
): string[] {
  return references.flatMap(({ src, line }) => {
    const report = shown.get(src)?.report;
    if (!report || report.after <= budget) return [];
    return [
      `${file}:${line}: image "${src}" (${report.file}) weighs ${formatBytes(report.after)} as shipped (${report.width}×${report.height} ${report.format}), over the budget of ${formatBytes(budget)} per image: crop it, or make it smaller or simpler`,
    ];
  });
}
