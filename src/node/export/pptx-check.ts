/**
 * The PowerPoint file read back and checked, as the PDF is (pure: the package's parts in, a report
 * or the list of what is wrong out): every slide there with its title in the title placeholder,
 * notes where the deck has them, every picture with alt text and its media present, the tally's
 * cells, the document's title and language.
 */
import type { ContentSlide } from './pptx-content.ts';

/** A `.pptx` opened: its XML parts as text, and the names of every part (media included). */
export interface PptxParts {
  xml: ReadonlyMap<string, string>;
  names: ReadonlySet<string>;
}

export interface PptxCheckReport {
  slides: number;
  titles: number;
  notes: number;
  pictures: number;
  tableCells: number;
}

const SLIDE_PART = /^ppt\/slides\/slide(\d+)\.xml$/;
const TEXT = /<a:t>([^<]*)<\/a:t>/g;
const SHAPE = /<p:sp>[\s\S]*?<\/p:sp>/g;
const PICTURE = /<p:pic>[\s\S]*?<\/p:pic>/g;
const TABLE_CELL = /<a:tc>[\s\S]*?<\/a:tc>/g;
const TITLE_PLACEHOLDER = /<p:ph\s[^>]*type="title"/;
const DESCRIPTION = /<p:cNvPr [^>]*descr="([^"]*)"/;
/** PowerPoint's mark of a picture that is decoration (Office 2019's "Mark as decorative"). */
const DECORATIVE_MARK = /<adec:decorative [^>]*val="1"/;
const EMBED = /r:embed="(rId\d+)"/g;
const RELATIONSHIP = /<Relationship [^>]*Id="(rId\d+)"[^>]*Target="([^"]+)"/g;
const NOTES_RELATIONSHIP = /Target="\.\.\/notesSlides\/(notesSlide\d+\.xml)"/;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
export const unescapeXml = (text: string): string =>
  text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ENTITIES[name]!);
const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();
/** The text of an XML fragment's runs, paragraphs run together. */
const textIn = (xml: string): string =>
  squash(Array.from(xml.matchAll(TEXT), (match) => unescapeXml(match[1]!)).join(''));

/** The part that holds a slide part's relationships. */
export const relationshipsPart = (slidePart: string): string =>
  slidePart.replace(/slides\/(slide\d+\.xml)$/, 'slides/_rels/$1.rels');

/** A slide part's relationships (`rels`, its `.rels` part's XML): id → the part it points at, from the package's root. */
export function relationships(slidePart: string, rels: string): Map<string, string> {
  return new Map(
    Array.from(rels.matchAll(RELATIONSHIP), ([, id, target]) => [
      id!,
      new URL(target!, `file:///${slidePart}`).pathname.slice(1),
    ]),
  );
}

/**
 * Checks the package against the deck's slides and document; throws, listing every problem, if the
 * file is not what the deck says it should be.
 */
export function checkPptx(
  parts: PptxParts,
  expected: { slides: readonly ContentSlide[]; title: string; lang: string },
): PptxCheckReport {
  const problems: string[] = [];
  const slideParts = [...parts.xml.keys()]
    .filter((name) => SLIDE_PART.test(name))
    .sort((a, b) => Number(SLIDE_PART.exec(a)![1]) - Number(SLIDE_PART.exec(b)![1]));
  if (slideParts.length !== expected.slides.length) {
    problems.push(`${slideParts.length} slides, expected ${expected.slides.length}`);
  }
  const report: PptxCheckReport = { slides: slideParts.length, titles: 0, notes: 0, pictures: 0, tableCells: 0 };
  for (const [index, part] of slideParts.entries()) {
    const slide = expected.slides[index];
    if (!slide) break;
    const where = `slide ${index + 1} (${slide.id})`;
    const xml = parts.xml.get(part)!;
    const relsXml = parts.xml.get(relationshipsPart(part)) ?? '';
    const rels = relationships(part, relsXml);
    const title = Array.from(xml.matchAll(SHAPE), ([shape]) => shape).find((shape) => TITLE_PLACEHOLDER.test(shape));
    if (!title) problems.push(`${where}: no title placeholder`);
    else if (!slide.title.trim()) problems.push(`${where}: its heading is empty`);
    else if (textIn(title) !== squash(slide.title))
      problems.push(`${where}: title "${textIn(title)}", expected "${slide.title}"`);
    else report.titles += 1;
    if (slide.notes) {
      const notesPart = NOTES_RELATIONSHIP.exec(relsXml)?.[1];
      const notes = notesPart ? textIn(parts.xml.get(`ppt/notesSlides/${notesPart}`) ?? '') : '';
      // Notes as text: their paragraphs and list items, wherever the file broke their lines.
      const bare = (text: string): string => text.replace(/[\s•]+/g, '');
      if (!bare(notes).includes(bare(slide.notes))) problems.push(`${where}: its speaker notes are missing or cut`);
      else report.notes += 1;
    }
    const alts = slide.blocks.flatMap((block) =>
      block.kind === 'image'
        ? [block.alt]
        : block.kind === 'diagram'
          ? [[block.name, block.description].filter(Boolean).join('. ')]
          : [],
    );
    for (const [picture] of xml.matchAll(PICTURE)) {
      report.pictures += 1;
      const alt = unescapeXml(DESCRIPTION.exec(picture)?.[1] ?? '');
      if (alt ? !alts.includes(alt) : !DECORATIVE_MARK.test(picture)) {
        problems.push(
          `${where}: a picture has ${alt ? `alt text "${alt}", not the deck's` : 'no alt text and is not marked decorative'}`,
        );
      }
      for (const [, id] of picture.matchAll(EMBED)) {
        const target = rels.get(id!);
        if (!target || !parts.names.has(target))
          problems.push(`${where}: a picture's media ${target ?? id} is missing`);
      }
    }
    const cells = new Set(Array.from(xml.matchAll(TABLE_CELL), ([tableCell]) => textIn(tableCell)));
    for (const block of slide.blocks) {
      if (block.kind !== 'tally') continue;
      const expectedCells = [
        ...block.rows.flatMap((row) => [row.step, row.title, row.verdict]),
        ...block.totals.map((total) => squash(`${total.party} ${total.count} ${total.caveat}`)),
      ];
      for (const cell of expectedCells) {
        if (cells.has(squash(cell))) report.tableCells += 1;
        else problems.push(`${where}: the tally's cell "${cell}" is not in a table`);
      }
    }
  }
  const core = parts.xml.get('docProps/core.xml') ?? '';
  if (!core.includes(`<dc:title>${expected.title.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</dc:title>`)) {
    problems.push('the document has not the deck’s title');
  }
  if (!core.includes(`<dc:language>${expected.lang}</dc:language>`))
    problems.push('the document has not the deck’s language');
  if (problems.length > 0) throw new Error(`the PowerPoint file failed its check:\n  ${problems.join('\n  ')}`);
  return report;
}
