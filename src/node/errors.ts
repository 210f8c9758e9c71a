/** Where in an authored file a problem is, and the line itself to show under the message. */
export interface ErrorPlace {
  /** 1-based column. */
  column: number;
  /** The offending line as written, shown with a caret under the column. */
  sourceLine: string;
}

/**
 * A problem in an authored file, located so the author can jump straight to it. A content error,
 * not a bug: it carries no stack trace unless `DEBUG` is set, so a build prints the message alone.
 */
export class DeckError extends Error {
  override name = 'DeckError';
  /** Path relative to the project root, e.g. `slides/05-step-1.md`. */
  readonly file: string;
  /** 1-based line in that file. */
  readonly line: number;
  /** 1-based column, when known. */
  readonly column: number | undefined;

  constructor(file: string, line: number, detail: string, place?: ErrorPlace) {
    const at = place ? `${file}:${line}:${place.column}` : `${file}:${line}`;
    const excerpt = place ? `\n  ${place.sourceLine}\n  ${' '.repeat(Math.max(place.column - 1, 0))}^` : '';
    super(`${at}: ${detail}${excerpt}`);
    this.file = file;
    this.line = line;
    this.column = place?.column;
    if (!process.env.DEBUG) this.stack = `${this.name}: ${this.message}`;
  }
}
