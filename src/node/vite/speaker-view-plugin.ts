import type { Plugin } from 'vite';
import { speakerViewPopup } from './speaker-view-popup.ts';

/** reveal.js's notes plugin (the speaker view), as its package ships it: one file, Marked inlined. */
const NOTES_PLUGIN_FILE = /reveal\.js\/dist\/plugin\/notes\.mjs$/;
/** The region of that file that holds Marked, as its bundler marks it. */
const MARKED_REGION = /\/\/#region node_modules\/marked\/[^\n]*\n[\s\S]*?\/\/#endregion\n/;
/** Where the plugin hands Marked to the speaker view's window (`popup.marked = $`). */
const MARKED_HANDED_OVER = /\.marked = ([\w$]+)/;

/**
 * reveal.js's notes plugin without Marked, which it carries to render notes marked `data-markdown`:
 * the deck's notes are HTML already (rendered and sanitised with the slides), so the speaker view
 * gets a stand-in that passes them through, and its chunk is 12 KiB (gzipped) lighter. Throws if the
 * file is not laid out as expected: a newer reveal.js must be looked at, not half-patched.
 */
export function withoutMarked(code: string, file: string): string {
  const name = MARKED_HANDED_OVER.exec(code)?.[1];
  if (!MARKED_REGION.test(code) || !name) {
    throw new Error(
      `${file}: expected reveal.js's notes plugin with Marked inlined (a "//#region node_modules/marked/…" and ".marked = …"); found neither: check the speaker view with this reveal.js and update speaker-view-plugin.ts`,
    );
  }
  return code.replace(MARKED_REGION, `var ${name} = { parse: (notes) => notes };\n`);
}

/** Drops Marked from reveal.js's notes plugin (the speaker view's chunk) and minifies its popup. */
export function speakerViewPlugin(): Plugin {
  return {
    name: 'deck-speaker-view',
    transform(code, id) {
      if (!NOTES_PLUGIN_FILE.test(id)) return undefined;
      // The popup's HTML minified, as the CSP's hashes of its scripts expect it (speaker-view-popup.ts).
      const { literal, html } = speakerViewPopup(code, id);
      return { code: withoutMarked(code, id).replace(literal, () => JSON.stringify(html)), map: null };
    },
  };
}
