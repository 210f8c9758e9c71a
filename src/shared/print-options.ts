/** How the print view (`?print-pdf`) lays out the deck, read from the page's query string. */
export interface PrintOptions {
  /** `?print-pdf` is present: reveal lays out every slide as a page. */
  printing: boolean;
  /** `fragments=separate`: one page per fragment step. */
  separateFragments: boolean;
  /** `notes=separate-page`: each slide followed by a page of its speaker notes. */
  notesPages: boolean;
}

/** Query parameters the PDF exporter sets; the names are shared so both sides agree. */
export const PRINT_QUERY = { print: 'print-pdf', fragments: 'fragments', notes: 'notes' } as const;

/** The query string's parameters (`URLSearchParams` in the page). */
export interface QueryParameters {
  has(name: string): boolean;
  get(name: string): string | null;
}

export function readPrintOptions(params: QueryParameters): PrintOptions {
  return {
    printing: params.has(PRINT_QUERY.print),
    separateFragments: params.get(PRINT_QUERY.fragments) === 'separate',
    notesPages: params.get(PRINT_QUERY.notes) === 'separate-page',
  };
}

/** One entry of the PDF's outline: a slide's heading and the page it starts on. */
export interface OutlineEntry {
  title: string;
  /** 0-based page the entry opens. */
  page: number;
}

/** What the print view tells the PDF exporter about itself: page size, metadata, which page shows which slide. */
export interface PrintLayout {
  width: number;
  height: number;
  title: string;
  author: string;
  subject: string;
  outline: OutlineEntry[];
  pages: number;
}
