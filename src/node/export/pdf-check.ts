import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  PDFRef,
  type PDFObject,
  type PDFPage,
} from 'pdf-lib';
import { outlineTitles } from './pdf-document.ts';

/** What a finished PDF must hold. */
export interface PdfExpectation {
  pages: number;
  /** One outline entry per slide, in order. */
  outline: readonly string[];
}

/** What the check found, for the command to print. */
export interface PdfCheckReport {
  pages: number;
  outlineEntries: number;
  /** The embedded fonts' names, without their subset prefix (`Inter-Bold`). */
  fonts: string[];
}

/** A PDF that is not what the export meant to write; `problems` lists each difference. */
export class PdfCheckError extends Error {
  override name = 'PdfCheckError';
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`the PDF failed its check:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.problems = problems;
  }
}

/** A text-showing operator of a content stream: `Tj`, `TJ`, `'` or `"`. */
const SHOWS_TEXT = /(?:\bT[jJ]|['"])\s/;
const FONT_FILES = ['FontFile', 'FontFile2', 'FontFile3'].map((name) => PDFName.of(name));
const SUBSET_PREFIX = /^[A-Z]{6}\+/;

const lookup = (doc: PDFDocument, value: PDFObject | undefined): PDFObject | undefined =>
  value instanceof PDFRef ? doc.context.lookup(value) : value;

/** A page's content, decoded: one stream or an array of them. */
function pageContent(doc: PDFDocument, page: PDFPage): string {
  const contents = lookup(doc, page.node.get(PDFName.of('Contents')));
  const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => lookup(doc, ref)) : [contents];
  return streams
    .map((stream) =>
      stream instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1') : '',
    )
    .join('\n');
}

/** Every font the pages use, with what is wrong with it if anything (not embedded, Type 3). */
function pageFonts(doc: PDFDocument, page: PDFPage): { name: string; problem?: string }[] {
  const resources = lookup(doc, page.node.get(PDFName.of('Resources')));
  const fonts = resources instanceof PDFDict ? lookup(doc, resources.get(PDFName.of('Font'))) : undefined;
  if (!(fonts instanceof PDFDict)) return [];
  return fonts.values().map((value) => {
    const font = lookup(doc, value) as PDFDict;
    const name = String(font.get(PDFName.of('BaseFont')) ?? '(unnamed)').replace(/^\//, '');
    const subtype = String(font.get(PDFName.of('Subtype')));
    if (subtype === '/Type3')
      return { name, problem: `font ${name} is a Type 3 font (drawn glyphs, not an outline font)` };
    // A composite font's outlines sit with its one descendant font.
    const descendants = lookup(doc, font.get(PDFName.of('DescendantFonts')));
    const described = descendants instanceof PDFArray ? (lookup(doc, descendants.get(0)) as PDFDict) : font;
    const descriptor = lookup(doc, described.get(PDFName.of('FontDescriptor')));
    const embedded = descriptor instanceof PDFDict && FONT_FILES.some((file) => descriptor.has(file));
    return embedded ? { name } : { name, problem: `font ${name} is not embedded` };
  });
}

/**
 * Reopens a written PDF and checks it against what the export laid out: the page count, one
 * outline entry per slide, text on every page, every font embedded and none of Type 3. Throws a
 * `PdfCheckError` listing every difference.
 */
export async function checkPdf(pdf: Uint8Array, expected: PdfExpectation): Promise<PdfCheckReport> {
  const problems: string[] = [];
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const pages = doc.getPages();
  if (pages.length !== expected.pages) problems.push(`expected ${expected.pages} pages, found ${pages.length}`);
  const outline = outlineTitles(doc);
  if (outline.join('\n') !== expected.outline.join('\n')) {
    problems.push(
      `expected ${expected.outline.length} outline entries (one per slide), found ${outline.length}` +
        (outline.length === expected.outline.length ? ' with other titles' : ''),
    );
  }
  const fonts = new Map<string, string | undefined>();
  pages.forEach((page, index) => {
    if (!SHOWS_TEXT.test(pageContent(doc, page))) problems.push(`page ${index + 1} has no text`);
    for (const { name, problem } of pageFonts(doc, page)) fonts.set(name, problem);
  });
  problems.push(...[...fonts.values()].filter((problem): problem is string => problem !== undefined));
  if (problems.length > 0) throw new PdfCheckError(problems);
  return {
    pages: pages.length,
    outlineEntries: outline.length,
    fonts: [...new Set([...fonts.keys()].map((name) => name.replace(SUBSET_PREFIX, '')))],
  };
}
