import { resolve } from 'node:path';
import { build } from 'esbuild';
import type { FaceDescriptors } from '../fonts/subset.ts';
import { scriptElementText } from './page-scripts.ts';

/** The page-head script's source, from the project root: it adds every face where the first screen waits for them. */
const EARLY_FONTS_ENTRY = 'src/client/early-fonts.ts';

/** What the page-head script is built with. */
export interface EarlyFonts {
  /** The id of the deck's first slide: a link to it opens on the first screen alone. */
  firstSlideId: string;
  /** Every face of the whole deck, its file named as the page's own links name files (`./assets/…`). */
  faces: readonly { family: string; url: string; descriptors: FaceDescriptors }[];
}

/**
 * The inline script that goes first in the page's head: `src/client/early-fonts.ts` with its
 * imports, for `fonts`, minified. It runs the deck script's own test for a first screen that
 * waits for every slide's fonts (one function, `showsMoreThanTheFirstSlide`).
 */
export async function earlyFontsScript(root: string, fonts: EarlyFonts): Promise<string> {
  const result = await build({
    entryPoints: [resolve(root, EARLY_FONTS_ENTRY)],
    bundle: true,
    write: false,
    format: 'iife',
    minify: true,
    target: 'es2022',
    define: { DECK_EARLY_FONTS: JSON.stringify(fonts) },
    logLevel: 'silent',
  });
  // Slide ids and font names are the deck's, so they may hold markup: it cannot end the element.
  return scriptElementText(result.outputFiles[0]!.text.trim());
}
