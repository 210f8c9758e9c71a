import { readFile } from 'node:fs/promises';
import { getDocument, OPS, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * The PDF checks of the tests, read with Mozilla's pdf.js (from npm, as a viewer would read the
 * file): no poppler or other system tool needed, and independent of the export's own check (pdf-lib).
 */

/** What a PDF viewer's "document properties" show. */
export interface PdfInfo {
  pages: number;
  /** The first page's size in points (1/72 in). */
  width: number;
  height: number;
  /** Whether the file is tagged (has a structure tree for screen readers). */
  tagged: boolean;
  title?: string;
  subject?: string;
  author?: string;
  lang?: string;
}

/** A word of a page, with its type size, and its run's start and baseline in points from the top left. */
export interface PdfWord {
  text: string;
  size: number;
  x: number;
  baseline: number;
}

/** The ops that paint a raster picture on a page. */
const PAINTS_IMAGE = new Set<number>([
  OPS.paintImageXObject,
  OPS.paintImageXObjectRepeat,
  OPS.paintInlineImageXObject,
  OPS.paintInlineImageXObjectGroup,
  OPS.paintImageMaskXObject,
  OPS.paintImageMaskXObjectGroup,
  OPS.paintImageMaskXObjectRepeat,
  OPS.paintSolidColorImageMask,
]);
const WHITESPACE = /\s+/g;

async function withPdf<T>(file: string, read: (pdf: PDFDocumentProxy) => Promise<T>): Promise<T> {
  const task = getDocument({ data: new Uint8Array(await readFile(file)), isEvalSupported: false, verbosity: 0 });
  const pdf = await task.promise;
  try {
    return await read(pdf);
  } finally {
    await task.destroy();
  }
}

/** Each page of `pdf`, 1-based, read by `read`. */
const eachPage = <T>(pdf: PDFDocumentProxy, read: (page: PDFPageProxy) => Promise<T>): Promise<T[]> =>
  Promise.all(Array.from({ length: pdf.numPages }, (_, index) => pdf.getPage(index + 1).then(read)));

/** A page's text as a reader selects it: runs joined, lines and spaces collapsed to single spaces. */
async function textOf(page: PDFPageProxy): Promise<string> {
  const { items } = await page.getTextContent();
  return items
    .map((item) => ('str' in item ? item.str + (item.hasEOL ? ' ' : '') : ''))
    .join('')
    .replace(WHITESPACE, ' ')
    .trim();
}

export function pdfInfo(file: string): Promise<PdfInfo> {
  return withPdf(file, async (pdf) => {
    const [left, bottom, right, top] = (await pdf.getPage(1)).view as [number, number, number, number];
    const [width, height] = [right - left, top - bottom];
    const info = (await pdf.getMetadata()).info as Record<string, string | undefined>;
    return {
      pages: pdf.numPages,
      width,
      height,
      tagged: (await pdf.getMarkInfo())?.Marked === true,
      title: info.Title,
      subject: info.Subject,
      author: info.Author,
      lang: info.Language,
    };
  });
}

/** The text of every page, in order. */
export const pagesText = (file: string): Promise<string[]> => withPdf(file, (pdf) => eachPage(pdf, textOf));

/** The words of one page (1-based), in the order the page draws them, each with its size and place; and the page's height. */
export function pdfWords(file: string, pageNumber: number): Promise<{ height: number; words: PdfWord[] }> {
  return withPdf(file, async (pdf) => {
    const page = await pdf.getPage(pageNumber);
    const [, bottom, , top] = page.view as [number, number, number, number];
    const { items } = await page.getTextContent();
    const words = items.flatMap((item) => {
      if (!('str' in item)) return [];
      // The text matrix's vertical scale is the type size.
      const [, , c, d, x, y] = item.transform as number[];
      const size = Math.hypot(c!, d!);
      return item.str
        .split(WHITESPACE)
        .filter(Boolean)
        .map((text) => ({ text, size, x: x!, baseline: top - y! }));
    });
    return { height: top - bottom, words };
  });
}

/** The fonts of a PDF, by name, and whether each is an embedded outline font (not Type 3, not missing). */
export function pdfFonts(file: string): Promise<{ name: string; fit: boolean; why?: string }[]> {
  return withPdf(file, async (pdf) => {
    const fonts = new Map<string, { name: string; fit: boolean; why?: string }>();
    await eachPage(pdf, async (page) => {
      const { fnArray, argsArray } = await page.getOperatorList();
      fnArray.forEach((op, index) => {
        if (op !== OPS.setFont) return;
        const id = (argsArray[index] as [string])[0];
        const font = page.commonObjs.get(id) as { name: string; missingFile: boolean; isType3Font: boolean };
        const why = font.isType3Font ? 'Type 3' : font.missingFile ? 'not embedded' : undefined;
        fonts.set(font.name, { name: font.name, fit: why === undefined, ...(why ? { why } : {}) });
      });
    });
    return [...fonts.values()];
  });
}

/** The fonts of a PDF that are not embedded outline fonts, as `name (why)`: empty when all are. */
export const unfitFonts = async (file: string): Promise<string[]> =>
  (await pdfFonts(file)).filter((font) => !font.fit).map((font) => `${font.name} (${font.why})`);

/** The 1-based pages of a PDF that paint a raster picture. */
export function pagesWithImages(file: string): Promise<number[]> {
  return withPdf(file, async (pdf) => {
    const painted = await eachPage(pdf, async (page) =>
      (await page.getOperatorList()).fnArray.some((op) => PAINTS_IMAGE.has(op)),
    );
    return painted.flatMap((paints, index) => (paints ? [index + 1] : []));
  });
}
