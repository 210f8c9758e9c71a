import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import JSZip from 'jszip';
import sharp from 'sharp';
import { imageSize } from 'image-size';
import type { DeckSettings } from '../deck/schema.ts';
import { fontFamilies, readOwnFontFaces } from '../fonts/font-faces.ts';
import { contentSlides, type ContentSlide } from './pptx-content.ts';
import { checkPptx, relationships, relationshipsPart, type PptxCheckReport, type PptxParts } from './pptx-check.ts';
import { escapeHtml } from '../html.ts';
import { buildPresentation, DECORATIVE, type PictureData } from './pptx-write.ts';
import { inlineSvgStyles } from './svg-inline-styles.ts';

export interface PptxExportOptions {
  /** The built site (`dist/`): the deck's page and its assets. */
  siteDir: string;
  /** Where to write the `.pptx`. */
  out: string;
  /** deck.yml's settings: the document's title, subject, author and language. */
  settings: Pick<DeckSettings, 'title' | 'description' | 'author' | 'lang' | 'width' | 'height'>;
  /**
   * One slide per fragment step instead of one per slide (as the PDF's `--fragments separate`).
   *
   * @default false
   */
  separateFragments?: boolean;
  /** The project root, where the deck's font is found. */
  root?: string;
}

export interface PptxExportResult {
  out: string;
  check: PptxCheckReport;
  /** What the layout could not fit, by slide: the file is written, the command says so. */
  warnings: string[];
  bytes: number;
  ms: number;
}

/** Pictures PowerPoint shows as they are; any other format is converted to PNG first. */
const NATIVE_PICTURES = new Set(['png', 'jpg', 'jpeg', 'gif']);
const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';
const VIEW_BOX = /viewBox="[\d.-]+[ ,]+[\d.-]+[ ,]+([\d.]+)[ ,]+([\d.]+)"/;
/** The resolution of a diagram's PNG fallback (for PowerPoint before 2016), against its SVG's units. */
const FALLBACK_DENSITY = 2;

/** The page's stylesheets, as the built page links them. */
const STYLESHEET_LINK = /<link [^>]*rel="stylesheet"[^>]*href="([^"]+)"/g;

async function readPageCss(siteDir: string, html: string): Promise<string> {
  const sheets = Array.from(html.matchAll(STYLESHEET_LINK), ([, href]) => readFile(join(siteDir, href!), 'utf8'));
  return (await Promise.all(sheets)).join('\n');
}

/** A diagram's SVG as a standalone file (the page's inline SVG has no namespace of its own). */
function svgPicture(markup: string): PictureData {
  const standalone = markup.includes('xmlns=') ? markup : markup.replace('<svg', `<svg xmlns="${SVG_NAMESPACE}"`);
  const [, width, height] = VIEW_BOX.exec(standalone) ?? [];
  if (!width || !height) throw new Error('a diagram in the built deck has no viewBox: its size is unknown');
  return {
    data: `image/svg+xml;base64,${Buffer.from(standalone).toString('base64')}`,
    width: Number(width),
    height: Number(height),
  };
}

/** Every picture the slides show, read from the site: as data PowerPoint takes, with its size. */
async function readPictures(siteDir: string, slides: readonly ContentSlide[]): Promise<Map<string, PictureData>> {
  const sources = new Set(
    slides.flatMap((slide) => slide.blocks.flatMap((block) => (block.kind === 'image' ? [block.src] : []))),
  );
  const pictures = new Map<string, PictureData>();
  for (const src of sources) {
    const file = join(siteDir, decodeURIComponent(src.split(/[?#]/)[0]!));
    const bytes = await readFile(file).catch(() => {
      throw new Error(`the built deck shows ${src}, which is not in ${siteDir}: build the site again`);
    });
    const { width, height, type = '' } = imageSize(bytes);
    const png = NATIVE_PICTURES.has(type) ? bytes : await sharp(bytes).png().toBuffer();
    const mime = NATIVE_PICTURES.has(type) ? `image/${type === 'jpg' ? 'jpeg' : type}` : 'image/png';
    pictures.set(src, { data: `${mime};base64,${png.toString('base64')}`, width, height });
  }
  return pictures;
}

/** A picture pptxgenjs wrote for an SVG: its PNG blip, with the SVG in the blip's extension. */
const SVG_PICTURE =
  /<p:pic>(?:(?!<\/p:pic>)[\s\S])*?<a:blip r:embed="(rId\d+)">(?:(?!<\/a:blip>)[\s\S])*?<asvg:svgBlip [^>]*r:embed="(rId\d+)"[\s\S]*?<\/p:pic>/g;
/**
 * The branch of a picture for programs that read PowerPoint 2010's extensions: PowerPoint 2016 and
 * later draw its `svgBlip`, and LibreOffice (which reads no `svgBlip` but draws an SVG blip) its
 * SVG. Others take the fallback: the same picture over its PNG.
 */
const VECTOR_BRANCH = { prefix: 'p14', namespace: 'http://schemas.microsoft.com/office/powerpoint/2010/main' };
const MARKUP_COMPATIBILITY = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

/**
 * What pptxgenjs leaves to do in Node: a PNG for each SVG picture (pptxgenjs draws it only in a
 * browser), the picture offered as a vector to the programs that can draw one, and the document's
 * language.
 */
async function finishPackage(zip: JSZip, lang: string): Promise<void> {
  for (const name of Object.keys(zip.files).filter((part) => /^ppt\/slides\/slide\d+\.xml$/.test(part))) {
    const xml = markDecorative(await zip.file(name)!.async('string'));
    const rels = relationships(name, await zip.file(relationshipsPart(name))!.async('string'));
    const target = (id: string): string => {
      const found = rels.get(id);
      if (!found) throw new Error(`${name}: no relationship ${id}`);
      return found;
    };
    const pictures = Array.from(xml.matchAll(SVG_PICTURE));
    for (const [, pngId, svgId] of pictures) {
      const svg = await zip.file(target(svgId!))!.async('nodebuffer');
      zip.file(
        target(pngId!),
        await sharp(svg, { density: 72 * FALLBACK_DENSITY })
          .png()
          .toBuffer(),
      );
    }
    if (pictures.length === 0) {
      zip.file(name, xml);
      continue;
    }
    const { prefix, namespace } = VECTOR_BRANCH;
    const offered = xml.replace(SVG_PICTURE, (picture, pngId: string, svgId: string) => {
      const vector = picture.replace(`<a:blip r:embed="${pngId}">`, `<a:blip r:embed="${svgId}">`);
      return `<mc:AlternateContent xmlns:mc="${MARKUP_COMPATIBILITY}"><mc:Choice xmlns:${prefix}="${namespace}" Requires="${prefix}">${vector}</mc:Choice><mc:Fallback>${picture}</mc:Fallback></mc:AlternateContent>`;
    });
    zip.file(name, offered);
  }
  const core = await zip.file('docProps/core.xml')!.async('string');
  zip.file(
    'docProps/core.xml',
    core.replace('</dc:title>', `</dc:title><dc:language>${escapeHtml(lang)}</dc:language>`),
  );
}

/** pptxgenjs gives a picture without alt text its file's name: a decorative one gets none, and PowerPoint's mark. */
const DECORATIVE_PICTURE = new RegExp(
  `(<p:cNvPr [^>]*name="${DECORATIVE}") descr="[^"]*"([^>]*>[\\s\\S]*?)(</p:cNvPr>)`,
  'g',
);
const DECORATIVE_EXTENSION =
  '<a:extLst><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}"><adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/></a:ext></a:extLst>';

const markDecorative = (xml: string): string =>
  xml.replace(
    DECORATIVE_PICTURE,
    (_, open: string, rest: string, close: string) => `${open} descr=""${rest}${DECORATIVE_EXTENSION}${close}`,
  );

/** A package's parts, for the check (and for tests that read a written file as it does). */
export async function readParts(bytes: Buffer): Promise<PptxParts> {
  const zip = await JSZip.loadAsync(bytes);
  const names = new Set(Object.keys(zip.files));
  const xml = new Map<string, string>();
  for (const name of names) if (/\.(xml|rels)$/.test(name)) xml.set(name, await zip.file(name)!.async('string'));
  return { xml, names };
}

/**
 * Writes the built deck as an editable PowerPoint file: built from the deck's page (no browser),
 * written under a temporary name, read back and checked, and only then put at `out`.
 */
export async function exportPptx({
  siteDir,
  out,
  settings,
  separateFragments = false,
  root = process.cwd(),
}: PptxExportOptions): Promise<PptxExportResult> {
  const started = performance.now();
  const html = await readFile(join(siteDir, 'index.html'), 'utf8').catch(() => {
    throw new Error(`no built deck in ${siteDir}: run npm run build first`);
  });
  const slides = contentSlides(html, { separateFragments });
  const pictures = await readPictures(siteDir, slides);
  const css = await readPageCss(siteDir, html);
  const [font = 'Inter'] = fontFamilies(await readOwnFontFaces(root));
  const { pptx, warnings } = buildPresentation({
    document: {
      title: settings.title,
      subject: settings.description,
      author: settings.author,
      lang: settings.lang,
      font,
      size: { width: settings.width, height: settings.height },
    },
    slides,
    picture: (src) => pictures.get(src)!,
    svg: (markup) => svgPicture(inlineSvgStyles(markup, css)),
  });
  const zip = await JSZip.loadAsync(await pptx.write({ outputType: 'nodebuffer' }));
  await finishPackage(zip, settings.lang);
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  await mkdir(dirname(out), { recursive: true });
  const partial = `${out}.partial`;
  await writeFile(partial, bytes);
  try {
    const check = checkPptx(await readParts(await readFile(partial)), {
      slides,
      title: settings.title,
      lang: settings.lang,
    });
    await rename(partial, out);
    return { out, check, warnings, bytes: (await stat(out)).size, ms: performance.now() - started };
  } finally {
    await rm(partial, { force: true });
  }
}

/** What a command says of a written file: what its layout could not fit, its check, then where it is. */
export function describePptx({ check, warnings, bytes, ms }: PptxExportResult, shown: string): string[] {
  return [
    ...warnings.map((warning) => `pptx: warning: ${warning}`),
    `pptx: checked ${shown}: ${check.slides} slides, each titled; notes on ${check.notes}; ${check.pictures} picture(s) with alt text and media; ${check.tableCells} tally cells in tables`,
    `pptx: wrote ${shown}: ${check.slides} slides, ${(bytes / 1024).toFixed(1)} KiB, in ${(ms / 1000).toFixed(1)} s`,
  ];
}
