/** A problem in an authored file, located so the author can jump straight to it. */
export class DeckError extends Error {
  override name = 'DeckError';
  /** Path relative to the project root, e.g. `slides/05-step-1.md`. */
  readonly file: string;
  /** 1-based line in that file. */
  readonly line: number;

  constructor(file: string, line: number, detail: string) {
    super(`${file}:${line}: ${detail}`);
    this.file = file;
    this.line = line;
  }
}
