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
}

/** A picture's file, read by the caller: a PNG, JPEG or GIF as data, or an SVG's markup. */
export type PictureData = { data: string; width: number; height: number };

/** The slide's size, in inches and in the deck's pixels. */
const PAGE = { w: 13.333, h: 7.5 } as const;
const PX_PER_INCH = 96;
const px = (value: number): number => value / PX_PER_INCH;
/** CSS pixels to points: 72 points to the inch. */
const pt = (cssPx: number): number => Math.round(((cssPx * 72) / PX_PER_INCH) * 10) / 10;
const hex = (color: string): string => color.replace('#', '').toUpperCase();

const MARGIN = px(typeScale.slidePaddingPx);
const BODY_PT = pt(typeScale.bodyPx);
const HEADING_PT = pt(typeScale.bodyPx * typeScale.headingEm);
/** The title slide's heading, and the tally's text (0.8 of the body, as on the slide). */
const TITLE_SLIDE_PT = pt(typeScale.bodyPx * 2.1);
const SMALL_PT = pt(typeScale.bodyPx * typeScale.textMin);
const TITLE_BOX = { x: MARGIN, y: px(40), w: PAGE.w - 2 * MARGIN, h: px(110) };
const BODY_TOP = TITLE_BOX.y + TITLE_BOX.h + px(12);
const BODY_BOTTOM = PAGE.h - px(36);
const WIDTH = PAGE.w - 2 * MARGIN;
/** Space between blocks, and the line height the height estimates use (Inter's, about 1.35). */
const GAP = px(14);
const LINE = 1.35;
/** An average character of Inter is about half its size wide: enough to tell how many lines a paragraph takes. */
const CHAR_EM = 0.52;
/** The layouts (masters) the slides use: their title placeholder is what PowerPoint's outline lists. */
const MASTER = 'DECK';
const TITLE_MASTER = 'DECK_TITLE';
/** The title slide's heading sits low and large, as on the deck's first slide. */
const TITLE_SLIDE_BOX = { x: MARGIN, y: px(170), w: PAGE.w - 2 * MARGIN, h: px(170) };

/** How tall `text` set at `sizePt` in a box `widthIn` wide will be, in inches. */
function textHeight(text: string, sizePt: number, widthIn: number): number {
  const perLine = Math.max(1, Math.floor((widthIn * 72) / (sizePt * CHAR_EM)));
  const lines = text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / perLine)), 0);
  return (lines * sizePt * LINE) / 72 + 0.1;
}

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

/** The presentation for the deck, ready to write. */
export function buildPresentation({ document, slides, picture, svg }: PptxInput): Pptx {
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = document.title;
  pptx.subject = document.subject;
  if (document.author) pptx.author = document.author;
  pptx.theme = { headFontFace: document.font, bodyFontFace: document.font };
  const text = { fontFace: document.font, color: hex(palette.text), lang: document.lang } as const;
  const placeholder = (box: typeof TITLE_BOX, fontSize: number, color: string) => ({
    placeholder: {
      options: {
        name: 'title',
        type: 'title' as const,
        ...box,
        ...text,
        fontSize,
        color,
        bold: true,
        align: 'left' as const,
        valign: 'top' as const,
        margin: 0,
      },
      text: '',
    },
  });
  pptx.defineSlideMaster({
    title: MASTER,
    background: { color: hex(palette.background) },
    objects: [placeholder(TITLE_BOX, HEADING_PT, hex(palette.text))],
  });
  pptx.defineSlideMaster({
    title: TITLE_MASTER,
    background: { color: hex(palette.background) },
    objects: [placeholder(TITLE_SLIDE_BOX, TITLE_SLIDE_PT, hex(palette.accent))],
  });

  for (const content of slides) {
    const titleSlide = content.kind === 'title';
    const slide = pptx.addSlide({ masterName: titleSlide ? TITLE_MASTER : MASTER });
    slide.addText(content.title, { placeholder: 'title' });
    let y = titleSlide ? TITLE_SLIDE_BOX.y + TITLE_SLIDE_BOX.h + GAP : BODY_TOP;
    const room = (): number => Math.max(0.4, BODY_BOTTOM - y);
    const bodyPt = content.kind === 'tally' ? SMALL_PT : BODY_PT;
    for (const block of content.blocks) {
      y = addBlock(slide, block, { y, room, text, titleSlide, bodyPt, picture, svg }) + GAP;
    }
    if (content.notes) slide.addNotes(content.notes);
  }
  return pptx;
}

interface BlockPlace {
  y: number;
  room: () => number;
  text: Pptx.TextPropsOptions;
  titleSlide: boolean;
  /** The body text's size on this slide: the tally slide sets its text under the tables at 0.8, as the deck does. */
  bodyPt: number;
  picture: (src: string) => PictureData;
  svg: (markup: string) => PictureData;
}

/** Adds one block at `y`; returns where it ends. */
function addBlock(slide: Pptx.Slide, block: SlideBlock, place: BlockPlace): number {
  const { y, text } = place;
  const box = { x: MARGIN, y, w: WIDTH, margin: 0, valign: 'top' as const };
  switch (block.kind) {
    case 'paragraph': {
      const options = { ...text, fontSize: BODY_PT, ...(place.titleSlide ? { color: hex(palette.muted) } : {}) };
      const h = textHeight(plain(block.runs), BODY_PT, WIDTH);
      slide.addText(runProps(block.runs, options), { ...box, h });
      return y + h;
    }
    case 'status': {
      const runs = [{ text: `${block.label} `, bold: true }, ...block.runs.map((run) => ({ ...run, bold: true }))];
      const h = textHeight(plain(runs), BODY_PT, WIDTH);
      const props = runProps(runs, { ...text, fontSize: BODY_PT });
      props[0]!.options = { ...props[0]!.options, color: hex(palette.muted) };
      slide.addText(props, { ...box, h });
      return y + h;
    }
    case 'list': {
      const indent = pt(typeScale.bodyPx * 1.1);
      const props = block.items.flatMap((item) =>
        runProps(item.runs, { ...text, fontSize: place.bodyPt, paraSpaceAfter: 6 }).map((run, index) =>
          index === 0
            ? {
                ...run,
                options: {
                  ...run.options,
                  bullet: block.ordered ? { type: 'number' as const, indent } : { indent },
                  indentLevel: item.level,
                },
              }
            : run,
        ),
      );
      const h = block.items.reduce(
        (sum, item) => sum + textHeight(plain(item.runs), place.bodyPt, WIDTH - px(33 * (item.level + 1))) + 6 / 72,
        0,
      );
      slide.addText(props, { ...box, h });
      return y + h;
    }
    case 'quote': {
      const bar = px(6);
      const inset = px(27);
      const props = block.paragraphs.flatMap((runs) =>
        runProps(runs, { ...text, fontSize: BODY_PT, paraSpaceAfter: 6 }),
      );
      const h = block.paragraphs.reduce((sum, runs) => sum + textHeight(plain(runs), BODY_PT, WIDTH - inset), 0);
      slide.addShape('rect', { x: MARGIN, y, w: bar, h, fill: { color: hex(palette.accent) }, line: { type: 'none' } });
      slide.addText(props, { ...box, x: MARGIN + inset, w: WIDTH - inset, h });
      return y + h;
    }
    case 'verdict': {
      // Wide enough for a wider fallback font than Inter (the chip must not wrap where Inter would not).
      const w = Math.min(WIDTH, (block.text.length * BODY_PT * CHAR_EM * 1.25) / 72 + 0.4);
      const h = textHeight(block.text, BODY_PT, w - 0.3) + 0.05;
      slide.addText(block.text, {
        ...box,
        w,
        h,
        ...text,
        fontSize: BODY_PT,
        bold: true,
        shape: 'roundRect',
        rectRadius: 0.08,
        fill: { color: hex(palette.accentSoft) },
        margin: [2, 10, 2, 10],
        valign: 'middle',
      });
      return y + h;
    }
    case 'tally': {
      const cell = {
        ...text,
        fontSize: SMALL_PT,
        valign: 'middle' as const,
        margin: [3, 6, 3, 6] as [number, number, number, number],
      };
      const head = { ...cell, bold: true, fill: { color: hex(palette.accentSoft) } };
      const border = { type: 'solid' as const, pt: 0.75, color: hex(palette.rule) };
      const stepsRows: Pptx.TableRow[] = [
        [
          { text: 'Step', options: head },
          { text: 'Title', options: head },
          { text: 'Verdict', options: head },
        ],
        ...block.rows.map((row) => [
          { text: row.step, options: { ...cell, bold: true } },
          { text: row.title, options: cell },
          { text: row.verdict, options: { ...cell, bold: true } },
        ]),
      ];
      const colW = [px(130), WIDTH * 0.5, WIDTH * 0.5 - px(130)];
      const rowH = px(46);
      const rowsH = block.rows.reduce(
        (sum, row) =>
          sum +
          Math.max(
            rowH,
            textHeight(row.title, SMALL_PT, colW[1]!) + 0.05,
            textHeight(row.verdict, SMALL_PT, colW[2]!) + 0.05,
          ),
        rowH,
      );
      slide.addTable(stepsRows, { x: MARGIN, y, w: WIDTH, colW, rowH, border, autoPage: false });
      let end = y + rowsH + GAP;
      if (block.totals.length > 0) {
        const counts = block.totals.map((total) => (total.caveat ? `${total.count} ${total.caveat}` : total.count));
        const totals: Pptx.TableRow[] = [
          block.totals.map((total) => ({ text: total.party, options: head })),
          counts.map((count) => ({ text: count, options: { ...cell, bold: true } })),
        ];
        slide.addTable(totals, { x: MARGIN, y: end, w: WIDTH, rowH, border, autoPage: false });
        const cellW = WIDTH / block.totals.length;
        end += rowH + Math.max(rowH, ...counts.map((count) => textHeight(count, SMALL_PT, cellW) + 0.1));
      }
      return end;
    }
    case 'diagram':
    case 'image': {
      const { data, width, height } = block.kind === 'diagram' ? place.svg(block.svg) : place.picture(block.src);
      // As large as the room allows, its proportions kept, centred across the slide.
      const scale = Math.min(WIDTH / width, place.room() / height);
      const [w, h] = [width * scale, height * scale];
      const altText = block.kind === 'diagram' ? [block.name, block.description].filter(Boolean).join('. ') : block.alt;
      slide.addImage({ data, x: MARGIN + (WIDTH - w) / 2, y, w, h, altText });
      return y + h;
    }
  }
}
