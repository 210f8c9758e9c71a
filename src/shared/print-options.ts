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

export function readPrintOptions(search: string): PrintOptions {
  const params = new URLSearchParams(search);
  return {
    printing: params.has(PRINT_QUERY.print),
    separateFragments: params.get(PRINT_QUERY.fragments) === 'separate',
    notesPages: params.get(PRINT_QUERY.notes) === 'separate-page',
  };
}
