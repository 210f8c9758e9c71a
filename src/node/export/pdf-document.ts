import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  PDFRef,
  PDFString,
  type PDFObject,
} from 'pdf-lib';
import type { OutlineEntry } from '../../shared/print-options.ts';

export interface PdfMetadata {
  title: string;
  /** Omitted when the deck's owner has not set one. */
  author?: string;
  subject: string;
}

/**
 * Sets the metadata Chromium cannot (author, subject) and replaces its heading-derived outline
 * with one flat entry per slide titled exactly with the slide's heading. The structure tree
 * (tagging) and everything else Chromium wrote is kept.
 */
export async function finishPdf(
  pdf: Uint8Array,
  metadata: PdfMetadata,
  outline: readonly OutlineEntry[],
): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  doc.setTitle(metadata.title, { showInWindowTitleBar: true });
  doc.setSubject(metadata.subject);
  if (metadata.author) doc.setAuthor(metadata.author);
  writeOutline(doc, outline);
  renumberStructureIds(doc);
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
    });
    if (index > 0) item.set(PDFName.of('Prev'), refs[index - 1]!);
    if (index < entries.length - 1) item.set(PDFName.of('Next'), refs[index + 1]!);
    context.assign(refs[index]!, item);
  });
  const root = context.obj({ Type: 'Outlines', Count: PDFNumber.of(entries.length) });
  if (refs.length > 0) {
    root.set(PDFName.of('First'), refs[0]!);
    root.set(PDFName.of('Last'), refs.at(-1)!);
  }
  context.assign(rootRef, root);
  catalog.set(PDFName.of('Outlines'), rootRef);
  catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

const text = (value: PDFObject | undefined): string | undefined =>
  value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;

/**
 * Chromium names tagged elements that others point at (table headers) after its DOM node ids,
 * which differ from one export to the next. Renaming them in document order makes two exports of
 * the same deck identical but for their dates.
 */
function renumberStructureIds(doc: PDFDocument): void {
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  if (!root) return;
  const ID = PDFName.of('ID');
  const HEADERS = PDFName.of('Headers');
  const renamed = new Map<string, string>();
  const elements: PDFDict[] = [];
  const visit = (value: PDFObject | undefined): void => {
    const node = value ? doc.context.lookup(value) : undefined;
    if (node instanceof PDFArray) return node.asArray().forEach(visit);
    if (!(node instanceof PDFDict)) return;
    elements.push(node);
    const id = text(node.get(ID));
    if (id !== undefined && !renamed.has(id)) renamed.set(id, `id-${String(renamed.size + 1).padStart(6, '0')}`);
    visit(node.get(PDFName.of('K')));
  };
  visit(root.get(PDFName.of('K')));
  if (renamed.size === 0) return;
  const rename = (value: PDFObject | undefined): PDFString | undefined => {
    const id = text(value);
    const name = id === undefined ? undefined : renamed.get(id);
    return name === undefined ? undefined : PDFString.of(name);
  };
  const names: PDFObject[] = [];
  for (const element of elements) {
    const id = rename(element.get(ID));
    if (id) {
      element.set(ID, id);
      names.push(id, doc.context.getObjectRef(element) ?? element);
    }
    // Table cells name their headers in their attribute objects (/A: one dict or an array of them).
    const attributes = doc.context.lookup(element.get(PDFName.of('A')));
    const owners =
      attributes instanceof PDFArray ? attributes.asArray().map((a) => doc.context.lookup(a)) : [attributes];
    for (const owner of [element, ...owners]) {
      const headers = owner instanceof PDFDict ? owner.lookupMaybe(HEADERS, PDFArray) : undefined;
      if (headers)
        (owner as PDFDict).set(HEADERS, doc.context.obj(headers.asArray().map((header) => rename(header) ?? header)));
    }
  }
  // The old tree goes, with its leaves, or its old names would still be written out.
  const drop = (value: PDFObject | undefined): void => {
    if (!(value instanceof PDFRef)) return;
    doc.context.lookupMaybe(value, PDFDict)?.lookupMaybe(PDFName.of('Kids'), PDFArray)?.asArray().forEach(drop);
    doc.context.delete(value);
  };
  drop(root.get(PDFName.of('IDTree')));
  root.set(PDFName.of('IDTree'), doc.context.obj({ Names: doc.context.obj(names) }));
}

/** Reads a PDF's outline titles, top level, in order (for tests and the export's own check). */
export async function readOutline(pdf: Uint8Array): Promise<string[]> {
  return outlineTitles(await PDFDocument.load(pdf, { updateMetadata: false }));
}

/** The outline titles of a loaded PDF, top level, in order. */
export function outlineTitles(doc: PDFDocument): string[] {
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
