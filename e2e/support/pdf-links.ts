import { readFile } from 'node:fs/promises';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFString, type PDFObject } from 'pdf-lib';

/** A link on a PDF page: where it jumps (a page of the file) or points (a web address). */
export interface PdfLink {
  /** 1-based page the link sits on. */
  page: number;
  /** 1-based page it jumps to, for a link inside the file. */
  toPage?: number;
  uri?: string;
}

/** Every link annotation of a PDF, with named destinations resolved to page numbers. */
export async function pdfLinks(file: string): Promise<PdfLink[]> {
  const doc = await PDFDocument.load(await readFile(file), { updateMetadata: false });
  const look = (value: PDFObject | undefined): PDFObject | undefined =>
    value instanceof PDFRef ? doc.context.lookup(value) : value;
  const pageRefs = doc.getPages().map((page) => page.ref);
  const dests = look(doc.catalog.get(PDFName.of('Dests')));
  const destinationPage = (dest: PDFObject | undefined): number | undefined => {
    let target = look(dest);
    if (target instanceof PDFName && dests instanceof PDFDict) target = look(dests.get(target));
    if (target instanceof PDFDict) target = look(target.get(PDFName.of('D')));
    if (!(target instanceof PDFArray)) return undefined;
    const index = pageRefs.findIndex((ref) => ref === target.get(0));
    return index < 0 ? undefined : index + 1;
  };
  return doc.getPages().flatMap((page, index) => {
    const annots = look(page.node.get(PDFName.of('Annots')));
    if (!(annots instanceof PDFArray)) return [];
    return annots.asArray().flatMap((ref): PdfLink[] => {
      const annot = look(ref);
      if (!(annot instanceof PDFDict) || annot.get(PDFName.of('Subtype')) !== PDFName.of('Link')) return [];
      const action = look(annot.get(PDFName.of('A')));
      const uri = action instanceof PDFDict ? look(action.get(PDFName.of('URI'))) : undefined;
      if (uri instanceof PDFString) return [{ page: index + 1, uri: uri.decodeText() }];
      const dest =
        annot.get(PDFName.of('Dest')) ?? (action instanceof PDFDict ? action.get(PDFName.of('D')) : undefined);
      const toPage = destinationPage(dest);
      return [{ page: index + 1, ...(toPage === undefined ? {} : { toPage }) }];
    });
  });
}
