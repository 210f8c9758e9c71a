/** Paper a handout is printed on, in millimetres. */
export const PAPER_SIZES = {
  a4: { width: 210, height: 297 },
  letter: { width: 215.9, height: 279.4 },
} as const;
export type Paper = keyof typeof PAPER_SIZES;
/** Slides on one handout page. */
export const SLIDES_PER_PAGE = [1, 2] as const;
export type SlidesPerPage = (typeof SLIDES_PER_PAGE)[number];

/** A handout: paper pages, each slide with its speaker notes under it. */
export interface HandoutOptions {
  paper: Paper;
  perPage: SlidesPerPage;
}

/** How the print view (`?print-pdf`) lays out the deck, read from the page's query string. */
export interface PrintOptions {
  /** `?print-pdf` is present: reveal lays out every slide as a page. */
  printing: boolean;
  /** `fragments=separate`: one page per fragment step. */
  separateFragments: boolean;
  /** `handout=a4|letter` (and `per-page=2`): the slides on paper pages with their notes. */
  handout: HandoutOptions | undefined;
}

/** Query parameters the PDF exporter sets; the names are shared so both sides agree. */
export const PRINT_QUERY = {
  print: 'print-pdf',
  fragments: 'fragments',
  handout: 'handout',
  perPage: 'per-page',
} as const;

/** The query string's parameters (`URLSearchParams` in the page). */
export interface QueryParameters {
  has(name: string): boolean;
  get(name: string): string | null;
}

const isPaper = (value: string | null): value is Paper => value !== null && Object.hasOwn(PAPER_SIZES, value);

export function readPrintOptions(params: QueryParameters): PrintOptions {
  const paper = params.get(PRINT_QUERY.handout);
  return {
    printing: params.has(PRINT_QUERY.print),
    separateFragments: params.get(PRINT_QUERY.fragments) === 'separate',
    handout: isPaper(paper)
      ? { paper, perPage: SLIDES_PER_PAGE.find((n) => String(n) === params.get(PRINT_QUERY.perPage)) ?? 1 }
      : undefined,
  };
}

/** The query that asks the print view for a handout. */
export function handoutQuery({ paper, perPage }: HandoutOptions): Record<string, string> {
  return { [PRINT_QUERY.handout]: paper, [PRINT_QUERY.perPage]: String(perPage) };
}

/** One entry of the PDF's outline: a slide's heading and the page it starts on. */
export interface OutlineEntry {
  title: string;
  /** 0-based page the entry opens. */
  page: number;
}

/** What the print view tells the PDF exporter about itself: page size, metadata, which page shows which slide. */
export interface PrintLayout {
  /** The page's size in CSS pixels (96 per inch). */
  width: number;
  height: number;
  title: string;
  author: string;
  subject: string;
  outline: OutlineEntry[];
  pages: number;
  /** Pages whose content runs past their bottom edge, as `page N (slide "id")`: the export stops. */
  overfull: string[];
}

/** Regions that print on US Letter; everywhere else uses A4. */
const LETTER_REGIONS = new Set(['US', 'CA', 'MX', 'PH', 'CL', 'CO', 'VE', 'GT', 'CR', 'DO', 'PR', 'SV']);

/** The paper a deck in language `lang` (BCP 47, e.g. `en-US`) is printed on by default. */
export function paperFor(lang: string): Paper {
  const region = lang.split('-').find((part, index) => index > 0 && /^[A-Za-z]{2}$/.test(part));
  return region && LETTER_REGIONS.has(region.toUpperCase()) ? 'letter' : 'a4';
}
