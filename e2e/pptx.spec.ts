import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { escapeHtml } from '../src/node/html.ts';
import { contentSlides } from '../src/node/export/pptx-content.ts';
import { exportPptx } from '../src/node/export/pptx.ts';
import { DIST_DIR } from '../src/node/paths.ts';
import { onPath } from './support/executables.ts';
import { expect, source, test } from './support/fixtures.ts';
import { pagesText, pagesWithImages } from './support/pdf-reader.ts';

// A real consumer of the file: LibreOffice Impress, headless (Debian's libreoffice-impress, which
// .ci/run installs). It converts the file to PDF, whose text and pictures tell what it made of it.
const SOFFICE = onPath('soffice');
test.skip(
  !SOFFICE,
  'LibreOffice (soffice) is not on the PATH: .ci/run installs libreoffice-impress; without it nothing can open the file',
);
test.describe.configure({ mode: 'serial' });

const run = promisify(execFile);
/** Text compared without its line breaks and spaces: Impress wraps lines where the deck does not. */
const bare = (text: string): string => text.replace(/\s+/g, '');
/** A diagram's words: each `<text>` element's text, as the drawing shows it. */
const TEXT_ELEMENT = /<text[^>]*>([\s\S]*?)<\/text>/g;
const TAG = /<[^>]+>/g;

let dir: string;
let pptx: string;

/** Impress's PDF of `file`, with its own profile (a first start makes one, a concurrent one would share it). */
async function impressPdf(file: string): Promise<string> {
  await run(
    SOFFICE!,
    [
      `-env:UserInstallation=file://${join(dir, 'profile')}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      file,
    ],
    { timeout: 120_000 },
  );
  return file.replace(/\.pptx$/, '.pdf');
}

test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'deck-pptx-'));
  pptx = join(dir, 'deck.pptx');
  // What `npm run export:pptx` does, on the site `npm test` built (the library: the command would
  // build the site again if it found it stale, under the other specs' feet).
  const result = await exportPptx({ siteDir: DIST_DIR, out: pptx, settings: source.settings });
  expect(result.warnings, 'what the layout could not fit').toEqual([]);
});

test.afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('LibreOffice Impress opens the PowerPoint export: every slide’s heading, the tally’s cells, the diagram’s labels as text, not a bitmap', async () => {
  const pdf = await impressPdf(pptx);
  const pages = await pagesText(pdf);
  expect(pages).toHaveLength(source.slides.length);
  for (const [index, slide] of source.slides.entries()) {
    expect(bare(pages[index]!), `page ${index + 1}: ${slide.heading}`).toContain(bare(slide.heading));
  }
  const built = contentSlides(await readFile(join(DIST_DIR, 'index.html'), 'utf8'));
  const tallyPage = built.findIndex((slide) => slide.kind === 'tally');
  const tally = built[tallyPage]!.blocks.find((block) => block.kind === 'tally');
  expect(tally, 'the deck has a tally').toBeDefined();
  if (tally?.kind === 'tally') {
    for (const cell of [
      ...tally.rows.flatMap((row) => [row.step, row.title, row.verdict]),
      ...tally.totals.map((total) => `${total.party} ${total.count} ${total.caveat}`),
    ]) {
      expect(bare(pages[tallyPage]!), `tally cell ${cell}`).toContain(bare(cell));
    }
  }
  const diagramPages = built.flatMap((slide, index) =>
    slide.blocks.some((block) => block.kind === 'diagram') ? [index] : [],
  );
  expect(diagramPages.length, 'the deck has a diagram').toBeGreaterThan(0);
  for (const index of diagramPages) {
    const diagram = built[index]!.blocks.find((block) => block.kind === 'diagram');
    const labels = Array.from(diagram?.kind === 'diagram' ? diagram.svg.matchAll(TEXT_ELEMENT) : [], ([, inner]) =>
      inner!.replace(TAG, ' '),
    ).filter((label) => bare(label) !== '');
    expect(labels.length, `labels of the diagram on page ${index + 1}`).toBeGreaterThan(0);
    for (const label of labels) expect(bare(pages[index]!), `diagram label "${label.trim()}"`).toContain(bare(label));
  }
  // The diagram is drawn as text and paths: Impress painted no raster picture for it.
  const withImages = await pagesWithImages(pdf);
  expect(withImages.filter((page) => diagramPages.includes(page - 1))).toEqual([]);
});

test('a verdict in the tally table and a bullet, changed in the file, show changed in Impress: they are text, not pictures', async () => {
  const zip = await JSZip.loadAsync(await readFile(pptx));
  const built = contentSlides(await readFile(join(DIST_DIR, 'index.html'), 'utf8'));
  const tallyIndex = built.findIndex((slide) => slide.kind === 'tally');
  const tally = built[tallyIndex]!.blocks.find((block) => block.kind === 'tally');
  const verdict = tally?.kind === 'tally' ? tally.rows[0]!.verdict : '';
  const listSlide = built.findIndex((slide) => slide.blocks.some((block) => block.kind === 'list'));
  const list = built[listSlide]!.blocks.find((block) => block.kind === 'list');
  const bullet = list?.kind === 'list' ? list.items[0]!.runs[0]!.text : '';
  expect(verdict && bullet, 'a verdict and a bullet to edit').toBeTruthy();
  // What an editor does: the cell's and the bullet's text replaced in the slide's XML.
  const edit = async (slide: number, before: string, after: string): Promise<void> => {
    const name = `ppt/slides/slide${slide + 1}.xml`;
    const xml = await zip.file(name)!.async('string');
    const escaped = `<a:t>${escapeHtml(before)}</a:t>`;
    expect(xml, `${before} in ${name}`).toContain(escaped);
    zip.file(name, xml.replaceAll(escaped, `<a:t>${escapeHtml(after)}</a:t>`));
  };
  await edit(tallyIndex, verdict, 'Advantage: XenSource, after all.');
  await edit(listSlide, bullet, 'A bullet a co-author rewrote.');
  const edited = join(dir, 'edited.pptx');
  await writeFile(edited, await zip.generateAsync({ type: 'nodebuffer' }));
  const pages = await pagesText(await impressPdf(edited));
  expect(bare(pages[tallyIndex]!)).toContain(bare('Advantage: XenSource, after all.'));
  expect(bare(pages[tallyIndex]!)).not.toContain(bare(verdict));
  expect(bare(pages[listSlide]!)).toContain(bare('A bullet a co-author rewrote.'));
});
