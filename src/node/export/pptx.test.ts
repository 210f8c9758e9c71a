import { mkdtemp, mkdir, readFile, rm, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPptx, type PptxParts } from './pptx-check.ts';
import { contentSlides } from './pptx-content.ts';
import { exportPptx, readParts } from './pptx.ts';

const PAGE = `<!doctype html><html><head><link rel="stylesheet" crossorigin href="./assets/deck.css"></head><body><div class="reveal"><div class="slides">
<section id="title" data-kind="title"><div class="slide-content"><h1>A talk &amp; more</h1><p>See <a href="#/tally">the tally</a>.</p><p><img src="assets/photo.webp" alt="A photo of the hall"> <img src="assets/photo.webp" alt=""></p></div><aside class="notes"><p>Say hello.</p></aside></section>
<section id="tally" data-kind="tally"><div class="slide-content"><h2>The tally</h2>
<ol class="tally" aria-label="Steps"><li><span class="step">Step 1</span> <span class="title">Hardware</span> <span class="verdict">Advantage: None.</span></li></ol>
<ul class="totals"><li><span class="party">VMware</span> <strong class="count">2</strong></li></ul></div><aside class="notes"><p>Count them.</p></aside></section>
<section id="timeline" data-kind="content"><div class="slide-content"><h2>In time</h2>
<figure class="diagram" aria-label="The roadmap"><svg viewBox="0 0 200 100" class="mermaid-style-a"><rect width="200" height="100"></rect><text x="10" y="50">2006</text></svg><figcaption>Step 1 is done.</figcaption></figure></div></section>
</div></div></body></html>`;
const SETTINGS = { title: 'A talk & more', description: 'What it is about', lang: 'en', width: 1280, height: 720 };

let site: string;
let parts: PptxParts;
const slides = contentSlides(PAGE);

/** The parts with one changed, as a broken writer would leave them. */
const changed = (name: string, change: (xml: string) => string): PptxParts => ({
  ...parts,
  xml: new Map([...parts.xml, [name, change(parts.xml.get(name)!)]]),
});

beforeAll(async () => {
  site = await mkdtemp(join(tmpdir(), 'deck-pptx-'));
  await mkdir(join(site, 'assets'));
  await writeFile(join(site, 'index.html'), PAGE);
  await writeFile(join(site, 'assets', 'deck.css'), '.mermaid-style-a rect { fill: #dce8f5 }');
  const photo = await sharp({ create: { width: 64, height: 32, channels: 3, background: '#336699' } })
    .webp()
    .toBuffer();
  await writeFile(join(site, 'assets', 'photo.webp'), photo);
  const result = await exportPptx({ siteDir: site, out: join(site, 'deck.pptx'), settings: SETTINGS });
  expect(result.check).toEqual({ slides: 3, titles: 3, notes: 2, pictures: 4, tableCells: 4 });
  expect(result.warnings).toEqual([]);
  parts = await readParts(await readFile(join(site, 'deck.pptx')));
});

afterAll(async () => {
  await rm(site, { recursive: true, force: true });
});

describe('the PowerPoint export', () => {
  it('writes titles in title placeholders, the tally as tables, notes, a link as a jump, and the document’s properties', () => {
    const slide1 = parts.xml.get('ppt/slides/slide1.xml')!;
    expect(slide1).toMatch(/<p:ph\s[^>]*type="title"/);
    expect(slide1).toContain('A talk &amp; more');
    expect(slide1).toContain('action="ppaction://hlinksldjump"');
    expect(parts.xml.get('ppt/slides/slide2.xml')).toContain('<a:tbl>');
    expect(parts.xml.get('ppt/notesSlides/notesSlide1.xml')).toContain('Say hello.');
    const core = parts.xml.get('docProps/core.xml')!;
    expect(core).toContain('<dc:title>A talk &amp; more</dc:title>');
    expect(core).toContain('<dc:subject>What it is about</dc:subject>');
    expect(core).toContain('<dc:language>en</dc:language>');
  });

  it('draws the diagram as SVG, with its styles, for PowerPoint 2016 and LibreOffice, and as PNG for the rest; the image as PNG', async () => {
    const slide3 = parts.xml.get('ppt/slides/slide3.xml')!;
    expect(slide3).toMatch(/<mc:Choice [^>]*Requires="p14">[\s\S]*asvg:svgBlip[\s\S]*<mc:Fallback>/);
    expect(slide3).toContain('descr="The roadmap. Step 1 is done."');
    const slide1 = parts.xml.get('ppt/slides/slide1.xml')!;
    expect(slide1).toContain('descr="A photo of the hall"');
    // The picture the deck marks as decoration (empty alt text) is marked so for PowerPoint.
    expect(slide1).toMatch(/descr=""[^>]*>(?:(?!<\/p:cNvPr>)[\s\S])*<adec:decorative [^>]*val="1"/);
    const media = [...parts.names].filter((name) => name.startsWith('ppt/media/'));
    const zip = await JSZip.loadAsync(await readFile(join(site, 'deck.pptx')));
    const svg = await zip.file(media.find((name) => name.endsWith('.svg'))!)!.async('string');
    expect(svg).toContain('style="fill: #dce8f5"');
    for (const name of media.filter((part) => part.endsWith('.png'))) {
      const { format } = await sharp(await zip.file(name)!.async('nodebuffer')).metadata();
      expect(format, name).toBe('png');
    }
  });

  it('keeps no file when the check fails, and leaves no partial one', async () => {
    const out = join(site, 'broken', 'deck.pptx');
    await expect(exportPptx({ siteDir: site, out, settings: { ...SETTINGS, lang: 'en" onload="x' } })).rejects.toThrow(
      'language',
    );
    expect(await readdir(join(site, 'broken'))).toEqual([]);
  });
});

describe('the PowerPoint check', () => {
  const expected = { slides, title: SETTINGS.title, lang: SETTINGS.lang };

  it('passes the file as written', () => {
    expect(checkPptx(parts, expected).titles).toBe(3);
  });

  it('names each slide whose title, notes, alt text, media or tally cells went missing', () => {
    const untitled = changed('ppt/slides/slide2.xml', (xml) => xml.replace(/type="title"/, 'type="body"'));
    expect(() => checkPptx(untitled, expected)).toThrow('slide 2 (tally): no title placeholder');
    const renamed = changed('ppt/slides/slide1.xml', (xml) => xml.replace('A talk &amp; more', 'Another talk'));
    expect(() => checkPptx(renamed, expected)).toThrow(
      'slide 1 (title): title "Another talk", expected "A talk & more"',
    );
    const silent = changed('ppt/notesSlides/notesSlide2.xml', (xml) => xml.replace('Count them.', ''));
    expect(() => checkPptx(silent, expected)).toThrow('slide 2 (tally): its speaker notes are missing');
    const undescribed = changed('ppt/slides/slide1.xml', (xml) =>
      xml.replace('descr="A photo of the hall"', 'descr=""'),
    );
    expect(() => checkPptx(undescribed, expected)).toThrow(
      'slide 1 (title): a picture has no alt text and is not marked decorative',
    );
    const misdescribed = changed('ppt/slides/slide1.xml', (xml) =>
      xml.replace('descr="A photo of the hall"', 'descr="preencoded.png"'),
    );
    expect(() => checkPptx(misdescribed, expected)).toThrow(`a picture has alt text "preencoded.png", not the deck's`);
    const emptied = changed('ppt/slides/slide2.xml', (xml) =>
      xml.replace('<a:t>Advantage: None.</a:t>', '<a:t>Advantage:</a:t>'),
    );
    expect(() => checkPptx(emptied, expected)).toThrow(`the tally's cell "Advantage: None." is not in a table`);
    const media = [...parts.names].find((name) => name.endsWith('.svg'))!;
    const lost = { ...parts, names: new Set([...parts.names].filter((name) => name !== media)) };
    expect(() => checkPptx(lost, expected)).toThrow(`a picture's media ${media} is missing`);
    expect(() => checkPptx(parts, { ...expected, slides: [...slides, slides[0]!] })).toThrow('3 slides, expected 4');
  });
});
