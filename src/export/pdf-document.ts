import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFNull, PDFNumber, type PDFRef } from 'pdf-lib';

export interface PdfMetadata {
  title: string;
  /** Omitted when the deck's owner has not set one. */
  author?: string;
  subject: string;
}

export interface OutlineEntry {
  title: string;
  /** 0-based page the entry opens. */
  page: number;
}

/**
 * Sets the metadata Chromium cannot (author, subject) and replaces its heading-derived outline
 * with one flat entry per slide titled exactly with the slide's heading. The structure tree
 * (tagging) and everything else Chromium wrote is kept.
 */
export async function finishPdf(pdf: Uint8Array, metadata: PdfMetadata, outline: readonly OutlineEntry[]): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  doc.setTitle(metadata.title, { showInWindowTitleBar: true });
  doc.setSubject(metadata.subject);
  if (metadata.author) doc.setAuthor(metadata.author);
  writeOutline(doc, outline);
  return doc.save({ useObjectStreams: false });
}

function writeOutline(doc: PDFDocument, entries: readonly OutlineEntry[]): void {
  const { context, catalog } = doc;
  const pages = doc.getPages();
  const rootRef = context.nextRef();
  const refs: PDFRef[] = entries.map(() => context.nextRef());
  entries.forEach((entry, index) => {
    const page = pages[entry.page];
    if (!page) throw new Error(`outline entry "${entry.title}" points at page ${entry.page + 1} of ${pages.length}`);
    const item = context.obj({
      Title: PDFHexString.fromText(entry.title),
      Parent: rootRef,
      Dest: context.obj([page.ref, PDFName.of('XYZ'), PDFNull, PDFNull, PDFNull]),
    }) as PDFDict;
    if (index > 0) item.set(PDFName.of('Prev'), refs[index - 1]!);
    if (index < entries.length - 1) item.set(PDFName.of('Next'), refs[index + 1]!);
    context.assign(refs[index]!, item);
  });
  const root = context.obj({ Type: 'Outlines', Count: PDFNumber.of(entries.length) }) as PDFDict;
  if (refs.length > 0) {
    root.set(PDFName.of('First'), refs[0]!);
    root.set(PDFName.of('Last'), refs.at(-1)!);
  }
  context.assign(rootRef, root);
  catalog.set(PDFName.of('Outlines'), rootRef);
  catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

/** Reads a PDF's outline titles, top level, in order (for tests and the export's own check). */
export async function readOutline(pdf: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  const titles: string[] = [];
  let item = outlines?.lookupMaybe(PDFName.of('First'), PDFDict);
  while (item) {
    const title = item.lookup(PDFName.of('Title'));
    titles.push(title instanceof PDFHexString ? title.decodeText() : String(title));
    item = item.lookupMaybe(PDFName.of('Next'), PDFDict);
  }
  return titles;
}
