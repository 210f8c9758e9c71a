/**
 * Lays the deck's slides out as a PowerPoint presentation (pptxgenjs): a 16:9 page per slide, the
 * heading in the title placeholder, text as native text, the tally as tables, the diagram as a
 * vector picture, images as pictures, notes as notes. Sizes follow the deck's own: a 1280 × 720
 * slide at 96 px to the inch is exactly PowerPoint's 13.333 × 7.5 in widescreen page.
 */
import Pptx from 'pptxgenjs';
import { palette } from '../../shared/palette.ts';
import { typeScale } from '../../shared/type-scale.ts';
import type { ContentSlide, SlideBlock, TextRun } from './pptx-content.ts';

/**
 * The class itself: Node's loader hands pptxgenjs's ES build over as the class, tsx's as a module
 * namespace whose `default` is the class.
 */
const PptxGenJS = (Pptx as unknown as { default?: typeof Pptx }).default ?? Pptx;

/** The document's properties. */
export interface PptxDocument {
  title: string;
  subject: string;
  author?: string | undefined;
  /** BCP 47, as deck.yml's `lang`. */
  lang: string;
  /** The deck's font, as PowerPoint should name it. */
  font: string;
  /** The deck's slide size in CSS pixels (deck.yml `width`, `height`): the page is that at 96 px to the inch. */
  size: { width: number; height: number };
}

/** A picture's file, read by the caller: a PNG, JPEG or GIF as data, or an SVG's markup. */
export type PictureData = { data: string; width: number; height: number };

const PX_PER_INCH = 96;
const px = (value: number): number => value / PX_PER_INCH;
/** CSS pixels to points: 72 points to the inch. */
const pt = (cssPx: number): number => Math.round(((cssPx * 72) / PX_PER_INCH) * 10) / 10;
const hex = (color: string): string => color.replace('#', '').toUpperCase();

/** theme.css's measures the layout follows, in ems of the body text. */
const THEME = {
  /** The title slide's heading (`h1`). */
  titleEm: 2.3,
  /** Space after a paragraph, a list or a quote. */
  blockGapEm: 0.6,
  /** A list's indent. */
  listIndentEm: 1.1,
  /** A quote's bar (px) and its text's distance from the slide's edge. */
  quoteBarPx: 6,
  quoteIndentEm: 0.9,
} as const;

const MARGIN = px(typeScale.slidePaddingPx);
const BODY_PT = pt(typeScale.bodyPx);
const HEADING_PT = pt(typeScale.bodyPx * typeScale.headingEm);
const TITLE_SLIDE_PT = pt(typeScale.bodyPx * THEME.titleEm);
/** The least text size on a slide (0.8 of the body): the tally's. */
const SMALL_PT = pt(typeScale.bodyPx * typeScale.textMin);
const GAP = px(typeScale.bodyPx * THEME.blockGapEm * 0.8);
/** The line height the height estimates use (Inter's, about 1.35). */
const LINE = 1.35;
/**
 * An average character's width, in ems: Inter's is about 0.52, the fallbacks' (Arial, DejaVu Sans)
 * up to 0.6; taken in between, enough to tell how many lines a paragraph takes where Inter is not.
 */
const CHAR_EM = 0.56;
/** The layouts (masters) the slides use: their title placeholder is what PowerPoint's outline lists. */
const MASTER = 'DECK';
const TITLE_MASTER = 'DECK_TITLE';
/** The name of a picture that is decoration on purpose (`![""](…)`): marked so after writing. */
export const DECORATIVE = 'Decorative picture';
/** The monospace font of code blocks, on every machine that runs PowerPoint. */
const CODE_FONT = 'Courier New';

/** Where things go on a page of `size` (inches). */
function pageLayout({ width, height }: PptxDocument['size']) {
  const page = { w: px(width), h: px(height) };
  const headingLine = typeScale.bodyPx * typeScale.headingEm * typeScale.headingLineHeight;
  // Room for a heading of two lines, as the longest step headings take.
  const title = {
    x: MARGIN,
    y: px(typeScale.diagramSlidePaddingTopPx),
    w: page.w - 2 * MARGIN,
    h: px(2 * headingLine),
  };
  const titleSlide = {
    ...title,
    y: page.h * 0.24,
    h: px(2 * typeScale.bodyPx * THEME.titleEm * typeScale.headingLineHeight),
  };
  return {
    page,
    title,
    titleSlide,
    width: page.w - 2 * MARGIN,
    bodyTop: title.y + title.h + px(typeScale.bodyPx * typeScale.headingEm * typeScale.headingMarginEm * 0.4),
    bodyBottom: page.h - px(typeScale.diagramSlidePaddingBottomPx),
  };
}
type PageLayout = ReturnType<typeof pageLayout>;

/** How tall `text` set at `sizePt` in a box `widthIn` wide will be, in inches. */
function textHeight(text: string, sizePt: number, widthIn: number): number {
  return (lineCount(text, sizePt, widthIn) * sizePt * LINE) / 72 + 0.1;
}

/** How many lines `text` set at `sizePt` takes in a box `widthIn` wide. */
function lineCount(text: string, sizePt: number, widthIn: number): number {
  const perLine = Math.max(1, Math.floor((widthIn * 72) / (sizePt * CHAR_EM)));
  return text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / perLine)), 0);
}

/** A table cell's lines are set tighter than a text box's, within its 2 pt margins above and below. */
const CELL_LINE = 1.2;
const CELL_MARGIN_PT = 2;

/** pptxgenjs's text for runs, with a link to another slide as a jump to it. */
function runProps(runs: TextRun[], base: Pptx.TextPropsOptions): Pptx.TextProps[] {
  return runs.map((run, index) => ({
    text: run.text,
    options: {
      ...base,
      ...(run.bold ? { bold: true } : {}),
      ...(run.italic ? { italic: true } : {}),
      ...(run.link
        ? {
            hyperlink: 'slide' in run.link ? { slide: run.link.slide + 1 } : { url: run.link.url },
            color: hex(palette.accent),
          }
        : {}),
      breakLine: index === runs.length - 1,
    },
  }));
}

const plain = (runs: TextRun[]): string => runs.map((run) => run.text).join('');

export interface PptxInput {
  document: PptxDocument;
  slides: ContentSlide[];
  /** A picture's data and size by its `src` in the built page; a diagram's SVG by its markup. */
  picture: (src: string) => PictureData;
  svg: (markup: string) => PictureData;
}

/** The presentation, and what its layout could not fit (`slide 9 (tally): …`), for the command to say. */
export interface Presentation {
  pptx: Pptx;
  warnings: string[];
}

/** The presentation for the deck, ready to write. */
export function buildPresentation({ document, slides, picture, svg }: PptxInput): Presentation {
  const layout = pageLayout(document.size);
  const pptx = new PptxGenJS();
  pptx.defineLayout({ name: 'DECK', width: layout.page.w, height: layout.page.h });
  pptx.layout = 'DECK';
  pptx.title = document.title;
  pptx.subject = document.subject;
  // pptxgenjs names itself author and company unless told otherwise.
  pptx.author = document.author ?? '';
  pptx.company = '';
  pptx.theme = { headFontFace: document.font, bodyFontFace: document.font };
  const text = { fontFace: document.font, color: hex(palette.text), lang: document.lang } as const;
  const master = (title: string, box: PageLayout['title'], fontSize: number, color: string): void =>
    pptx.defineSlideMaster({
      title,
      background: { color: hex(palette.background) },
      objects: [
        {
          placeholder: {
            options: {
              name: 'title',
              type: 'title',
              ...box,
              ...text,
              fontSize,
              color,
              bold: true,
              align: 'left',
              valign: 'top',
              margin: 0,
            },
            text: '',
          },
        },
      ],
    });
  master(MASTER, layout.title, HEADING_PT, hex(palette.text));
  master(TITLE_MASTER, layout.titleSlide, TITLE_SLIDE_PT, hex(palette.accent));

  const warnings: string[] = [];
  for (const [index, content] of slides.entries()) {
    const titleSlide = content.kind === 'title';
    const slide = pptx.addSlide({ masterName: titleSlide ? TITLE_MASTER : MASTER });
    slide.addText(content.title, { placeholder: 'title' });
    let y = titleSlide ? layout.titleSlide.y + layout.titleSlide.h + GAP : layout.bodyTop;
    const place = {
      layout,
      text,
      titleSlide,
      fill: content.imageFill,
      // The tally slide sets its text under the tables at 0.8, as the deck does.
      bodyPt: content.kind === 'tally' ? SMALL_PT : BODY_PT,
      picture,
      svg,
    };
    for (const block of content.blocks) y = addBlock(slide, block, { ...place, y }) + GAP;
    const over = y - GAP - layout.bodyBottom;
    if (over > 0.05) {
      warnings.push(
        `slide ${index + 1} (${content.id}): its content runs about ${over.toFixed(1)} in past the slide's foot; check it in PowerPoint`,
      );
    }
    if (content.notes) slide.addNotes(content.notes);
  }
  return { pptx, warnings };
}

interface BlockPlace {
  y: number;
  layout: PageLayout;
  text: Pptx.TextPropsOptions;
  titleSlide: boolean;
  /** The slide's image fills the room under the heading (front matter `image: fill`). */
  fill: boolean;
  bodyPt: number;
  picture: (src: string) => PictureData;
  svg: (markup: string) => PictureData;
}

/** Adds one block at `y`; returns where it ends. */
function addBlock(slide: Pptx.Slide, block: SlideBlock, place: BlockPlace): number {
  const { y, text, bodyPt, layout } = place;
  const width = layout.width;
  const room = Math.max(0.4, layout.bodyBottom - y);
  const box = { x: MARGIN, y, w: width, margin: 0, valign: 'top' as const };
  switch (block.kind) {
    case 'paragraph':
    case 'heading': {
      const options = {
        ...text,
        fontSize: bodyPt,
        ...(block.kind === 'heading' ? { bold: true } : {}),
        ...(place.titleSlide ? { color: hex(palette.muted) } : {}),
      };
      const h = textHeight(plain(block.runs), bodyPt, width);
      slide.addText(runProps(block.runs, options), { ...box, h });
      return y + h;
    }
    case 'code': {
      const h = textHeight(block.text, SMALL_PT, width);
      slide.addText(block.text, { ...box, h, ...text, fontFace: CODE_FONT, fontSize: SMALL_PT });
      return y + h;
    }
    case 'status': {
      const runs = [{ text: `${block.label} `, bold: true }, ...block.runs.map((run) => ({ ...run, bold: true }))];
      const h = textHeight(plain(runs), bodyPt, width);
      const props = runProps(runs, { ...text, fontSize: bodyPt });
      props[0]!.options = { ...props[0]!.options, color: hex(palette.muted) };
      slide.addText(props, { ...box, h });
      return y + h;
    }
    case 'list': {
      const indent = pt(typeScale.bodyPx * THEME.listIndentEm);
      const props = block.items.flatMap((item) =>
        runProps(item.runs, { ...text, fontSize: bodyPt, paraSpaceAfter: 6 }).map((run, index) =>
          index === 0
            ? {
                ...run,
                options: {
                  ...run.options,
                  bullet: item.ordered ? { type: 'number' as const, indent } : { indent },
                  indentLevel: item.level,
                },
              }
            : run,
        ),
      );
      const h = block.items.reduce(
        (sum, item) => sum + textHeight(plain(item.runs), bodyPt, width - (indent / 72) * (item.level + 1)) + 6 / 72,
        0,
      );
      slide.addText(props, { ...box, h });
      return y + h;
    }
    case 'quote': {
      const inset = px(THEME.quoteBarPx + typeScale.bodyPx * THEME.quoteIndentEm);
      const props = block.paragraphs.flatMap((runs) =>
        runProps(runs, { ...text, fontSize: bodyPt, paraSpaceAfter: 6 }),
      );
      const h = block.paragraphs.reduce((sum, runs) => sum + textHeight(plain(runs), bodyPt, width - inset), 0);
      const bar = {
        x: MARGIN,
        y,
        w: px(THEME.quoteBarPx),
        h,
        fill: { color: hex(palette.accent) },
        line: { type: 'none' as const },
      };
      slide.addShape('rect', bar);
      slide.addText(props, { ...box, x: MARGIN + inset, w: width - inset, h });
      return y + h;
    }
    case 'verdict': {
      // Wide enough for a wider fallback font than Inter (the chip must not wrap where Inter would not).
      const w = Math.min(width, (block.text.length * bodyPt * CHAR_EM * 1.2) / 72 + 0.4);
      const h = textHeight(block.text, bodyPt, w - 0.3) + 0.05;
      slide.addText(block.text, {
        ...box,
        w,
        h,
        ...text,
        fontSize: bodyPt,
        bold: true,
        shape: 'roundRect',
        rectRadius: 0.08,
        fill: { color: hex(palette.accentSoft) },
        margin: [2, 10, 2, 10],
        valign: 'middle',
      });
      return y + h;
    }
    case 'table':
    case 'tally':
      return addTable(slide, block, place);
    case 'diagram':
    case 'image': {
      const {
        data,
        width: naturalW,
        height: naturalH,
      } = block.kind === 'diagram' ? place.svg(block.svg) : place.picture(block.src);
      // A diagram, or an image that fills its slide, takes the room left; another image shows at its
      // own size, at most as wide as the text and two thirds of the page high, as the deck shows it.
      const bounds =
        block.kind === 'diagram' || place.fill
          ? { w: width, h: room }
          : { w: Math.min(width, px(naturalW)), h: Math.min(room, (layout.page.h * 2) / 3, px(naturalH)) };
      const scale = Math.min(bounds.w / naturalW, bounds.h / naturalH);
      const [w, h] = [naturalW * scale, naturalH * scale];
      const altText = block.kind === 'diagram' ? [block.name, block.description].filter(Boolean).join('. ') : block.alt;
      slide.addImage({
        data,
        x: block.kind === 'diagram' ? MARGIN + (width - w) / 2 : MARGIN,
        y,
        w,
        h,
        altText,
        ...(altText ? {} : { objectName: DECORATIVE }),
      });
      return y + h;
    }
  }
}

/** The tally (a table of its steps, a row of its counts) or a Markdown table, as native tables. */
function addTable(
  slide: Pptx.Slide,
  block: Extract<SlideBlock, { kind: 'table' | 'tally' }>,
  place: BlockPlace,
): number {
  const { y, text, layout } = place;
  const width = layout.width;
  const cell = {
    ...text,
    fontSize: SMALL_PT,
    valign: 'middle' as const,
    margin: [CELL_MARGIN_PT, 6, CELL_MARGIN_PT, 6] as [number, number, number, number],
  };
  const head = { ...cell, bold: true, fill: { color: hex(palette.accentSoft) } };
  const border = { type: 'solid' as const, pt: 0.75, color: hex(palette.rule) };
  const rowH = (SMALL_PT * LINE + 2 * CELL_MARGIN_PT) / 72 + 0.1;
  const rowHeight = (cells: string[], colW: number[]): number =>
    Math.max(
      rowH,
      ...cells.map(
        (content, index) =>
          (lineCount(content, SMALL_PT, colW[index]! - 12 / 72) * SMALL_PT * CELL_LINE + 2 * CELL_MARGIN_PT) / 72,
      ),
    );
  if (block.kind === 'table') {
    const colW = block.rows[0]!.map(() => width / block.rows[0]!.length);
    const rows: Pptx.TableRow[] = block.rows.map((row, index) =>
      row.map((content) => ({ text: content, options: index === 0 ? head : cell })),
    );
    slide.addTable(rows, { x: MARGIN, y, w: width, colW, rowH, border, autoPage: false });
    return y + block.rows.reduce((sum, row) => sum + rowHeight(row, colW), 0);
  }
  const colW = [px(120), width * 0.52, width * 0.48 - px(120)];
  const header = ['Step', 'Title', 'Verdict'];
  const steps: Pptx.TableRow[] = [
    header.map((content) => ({ text: content, options: head })),
    ...block.rows.map((row) => [
      { text: row.step, options: { ...cell, bold: true } },
      { text: row.title, options: cell },
      { text: row.verdict, options: { ...cell, bold: true } },
    ]),
  ];
  slide.addTable(steps, { x: MARGIN, y, w: width, colW, rowH, border, autoPage: false });
  let end = y + block.rows.reduce((sum, row) => sum + rowHeight([row.step, row.title, row.verdict], colW), rowH) + GAP;
  if (block.totals.length > 0) {
    // One row, as the deck's line of chips: each party and its count, the caveat beside it.
    const totals: Pptx.TableRow[] = [
      block.totals.map((total) => ({
        text: [
          { text: `${total.party} `, options: cell },
          { text: total.count, options: { ...cell, bold: true } },
          ...(total.caveat ? [{ text: ` ${total.caveat}`, options: cell }] : []),
        ],
        options: { ...cell, fill: { color: hex(palette.accentSoft) } },
      })),
    ];
    slide.addTable(totals, { x: MARGIN, y: end, w: width, rowH, border, autoPage: false });
    const cellW = block.totals.map(() => width / block.totals.length);
    end += rowHeight(
      block.totals.map((total) => `${total.party} ${total.count} ${total.caveat}`),
      cellW,
    );
  }
  return end;
}
