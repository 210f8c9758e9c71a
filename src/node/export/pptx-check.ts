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
const TABLE = /<a:tbl>[\s\S]*?<\/a:tbl>/g;
const TITLE_PLACEHOLDER = /<p:ph\s[^>]*type="title"/;
const DESCRIPTION = /<p:cNvPr [^>]*descr="([^"]*)"/;
const EMBED = /r:embed="(rId\d+)"/g;
const RELATIONSHIP = /<Relationship [^>]*Id="(rId\d+)"[^>]*Target="([^"]+)"/g;
const NOTES_RELATIONSHIP = /Target="\.\.\/notesSlides\/(notesSlide\d+\.xml)"/;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (text: string): string =>
  text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ENTITIES[name]!);
const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();
/** The text of an XML fragment's runs, paragraphs run together. */
const textIn = (xml: string): string =>
  squash(Array.from(xml.matchAll(TEXT), (match) => unescapeXml(match[1]!)).join(''));

/** A slide part's relationships: id → the part it points at, from the package's root. */
function relationships(parts: PptxParts, slidePart: string): Map<string, string> {
  const relsPart = slidePart.replace(/slides\/(slide\d+\.xml)$/, 'slides/_rels/$1.rels');
  const rels = parts.xml.get(relsPart) ?? '';
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
    const rels = relationships(parts, part);
    const title = Array.from(xml.matchAll(SHAPE), ([shape]) => shape).find((shape) => TITLE_PLACEHOLDER.test(shape));
    if (!title) problems.push(`${where}: no title placeholder`);
    else if (textIn(title) !== squash(slide.title))
      problems.push(`${where}: title "${textIn(title)}", expected "${slide.title}"`);
    else report.titles += 1;
    if (slide.notes) {
      const notesPart = NOTES_RELATIONSHIP.exec(
        parts.xml.get(part.replace(/slides\/(slide\d+\.xml)$/, 'slides/_rels/$1.rels')) ?? '',
      )?.[1];
      const notes = notesPart ? textIn(parts.xml.get(`ppt/notesSlides/${notesPart}`) ?? '') : '';
      if (!notes.includes(squash(slide.notes.split('\n\n')[0]!)))
        problems.push(`${where}: its speaker notes are missing`);
      else report.notes += 1;
    }
    for (const [picture] of xml.matchAll(PICTURE)) {
      report.pictures += 1;
      if (!DESCRIPTION.exec(picture)?.[1]) problems.push(`${where}: a picture has no alt text`);
      for (const [, id] of picture.matchAll(EMBED)) {
        const target = rels.get(id!);
        if (!target || !parts.names.has(target))
          problems.push(`${where}: a picture's media ${target ?? id} is missing`);
      }
    }
    const tables = Array.from(xml.matchAll(TABLE), ([table]) => textIn(table)).join(' ');
    for (const block of slide.blocks) {
      if (block.kind !== 'tally') continue;
      const cells = [
        ...block.rows.flatMap((row) => [row.step, row.title, row.verdict]),
        ...block.totals.flatMap((total) => [total.party, total.count]),
      ];
      for (const cell of cells) {
        if (tables.includes(squash(cell))) report.tableCells += 1;
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
