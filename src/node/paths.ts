import nodePath, { isAbsolute, relative, resolve } from 'node:path';

/** Names the slides folder to use instead of `slides/` (the tests' second deck, another talk). */
export const SLIDES_ENV = 'DECK_SLIDES';
/** Names the site folder to use instead of `dist/`. */
export const DIST_ENV = 'DECK_DIST';

/** The deck's slides folder, relative to the project root: `slides`, unless `$DECK_SLIDES` names another. */
export const SLIDES_DIR = process.env[SLIDES_ENV] || 'slides';
/** The project's images, favicon and source text. */
export const ASSETS_DIR = 'assets';
/** Where the site is built, relative to the project root: `dist`, unless `$DECK_DIST` names another. */
export const DIST_DIR = process.env[DIST_ENV] || 'dist';
/**
 * Renders that need a browser (diagrams, the social image) live beside the slides and are
 * committed with them: a fresh clone presents, builds and tests its deck without a browser.
 */
export const RENDERED_DIR = '.rendered';

/**
 * What the build can make again without a browser (font subsets, shrunk images), kept between
 * builds and not committed; relative to the project root.
 */
export const CACHE_DIR = 'node_modules/.cache/deck';

/** A path as the user can paste it: relative when under the working folder, else absolute. */
export function displayPath(path: string): string {
  const fromHere = relative(process.cwd(), path);
  return fromHere.startsWith('..') || isAbsolute(fromHere) ? resolve(path) : fromHere;
}

/** The path functions `isInside` needs: `node:path` here, `path.win32` in a test of Windows paths. */
export type PathApi = Pick<typeof nodePath, 'relative' | 'isAbsolute' | 'sep'>;

/**
 * Whether `path` is `folder` or inside it, both absolute and resolved. By `relative`, not by a
 * `${folder}/` prefix, which no Windows path has (its separator is a backslash): only a path that has to
 * climb out (`..`, `../x`; not a name like `..x`) or is on another drive is outside.
 */
export function isInside(folder: string, path: string, api: PathApi = nodePath): boolean {
  const fromFolder = api.relative(folder, path);
  return !api.isAbsolute(fromFolder) && fromFolder !== '..' && !fromFolder.startsWith(`..${api.sep}`);
}
