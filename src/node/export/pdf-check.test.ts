import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { rejectionOf } from '../__fixtures__/rejection.ts';
import { launchBrowser } from '../browser.ts';
import { checkPdf, PdfCheckError } from './pdf-check.ts';
import { finishPdf } from './pdf-document.ts';

const TITLES = ['One', 'Two', 'Three'];
const expected = { pages: 3, outline: TITLES };
let printed: Uint8Array;
/** The same with bold text the font has no bold face for: Chromium fakes it as a Type 3 font. */
let fakeBold: Uint8Array;

/** Three pages of text in Inter, embedded, with one bookmark each: what the exporter writes. */
beforeAll(async () => {
  const font = await readFile(
    createRequire(import.meta.url).resolve('@fontsource/inter/files/inter-latin-400-normal.woff2'),
  );
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const print = async (bold: boolean): Promise<Uint8Array> => {
      await page.setContent(
        `<style>@font-face { font-family: Inter; src: url(data:font/woff2;base64,${font.toString('base64')}); } body { font-family: Inter; }</style>` +
          TITLES.map(
            (title, index) =>
              `<p style="${index > 0 ? 'break-before: page' : ''}">${bold ? `<b>${title}</b>` : title}</p>`,
          ).join(''),
      );
      await page.evaluate('document.fonts.ready.then(() => undefined)');
      const pdf = await page.pdf({ width: '400px', height: '300px', tagged: true });
      const outline = TITLES.map((title, index) => ({ title, page: index }));
      return finishPdf(pdf, { title: 'Check', subject: 'A test' }, outline);
    };
    printed = await print(false);
    fakeBold = await print(true);
  } finally {
    await browser.close();
  }
}, 60_000);

async function edited(change: (doc: PDFDocument) => Promise<void> | void): Promise<Uint8Array> {
  const doc = await PDFDocument.load(printed, { updateMetadata: false });
  await change(doc);
  return doc.save({ useObjectStreams: false });
}

async function problems(pdf: Uint8Array): Promise<string[]> {
  return (await rejectionOf(checkPdf(pdf, expected), PdfCheckError)).problems;
}

describe('checkPdf', () => {
  it('passes a PDF as laid out, and says what it found', async () => {
    expect(await checkPdf(printed, expected)).toEqual({ pages: 3, outlineEntries: 3, fonts: ['Inter-Regular'] });
  });

  it('refuses a PDF with a page missing', async () => {
    expect(await problems(await edited((doc) => doc.removePage(2)))).toContain('expected 3 pages, found 2');
  });

  it('refuses a blank page and a font that is not embedded', async () => {
    const pdf = await edited(async (doc) => {
      doc.addPage([400, 300]);
      doc.getPage(0).drawText('Helvetica', { font: await doc.embedFont(StandardFonts.Helvetica) });
    });
    expect(await problems(pdf)).toEqual([
      'expected 3 pages, found 4',
      'page 4 has no text',
      'font Helvetica is not embedded',
    ]);
  });

  it('refuses a Type 3 font, as Chromium prints a bold it has to fake', async () => {
    expect(await problems(fakeBold)).toEqual([expect.stringMatching(/^font .* is a Type 3 font/)]);
  });

  it('refuses an outline that does not list one entry per slide', async () => {
    const pdf = await finishPdf(printed, { title: 'Check', subject: 'A test' }, [{ title: 'One', page: 0 }]);
    expect(await problems(pdf)).toEqual(['expected 3 outline entries (one per slide), found 1']);
  });
});
