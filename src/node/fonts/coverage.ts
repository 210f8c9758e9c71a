import { DeckError } from '../errors.ts';
import { shownCharacters } from './characters.ts';
import { draws, fontFamilies, type FontFace } from './font-faces.ts';

/** A slide as the font check sees it. */
export interface SlideText {
  file: string;
  /** The slide's Markdown body, and its first line in the file: to point at the line with the character. */
  body: string;
  bodyLine: number;
  /** The rendered section: everything the slide shows, notes included. */
  html: string;
}

/** Where `deck.yml` lists extra fonts, named in the error that asks for one. */
export interface FontSettingsPlace {
  /** The settings file, e.g. `slides/deck.yml`. */
  file: string;
}

/** Whether a package can be loaded already (`packageInstalled` with the project root): the advice skips installing it. */
export type PackageCheck = (name: string) => boolean;

/** A Fontsource package to suggest for a character, by script; the first that matches is named. */
const SUGGESTED_FONTS: readonly (readonly [RegExp, string])[] = [
  [/\p{Extended_Pictographic}/u, '@fontsource/noto-emoji'],
  [/\p{Script=Han}/u, '@fontsource/noto-sans-sc'],
  [/\p{Script=Arabic}/u, '@fontsource/noto-sans-arabic'],
  [/\p{Script=Hebrew}/u, '@fontsource/noto-sans-hebrew'],
  [/\p{Script=Devanagari}/u, '@fontsource/noto-sans-devanagari'],
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, '@fontsource/noto-sans-jp'],
  [/\p{Script=Hangul}/u, '@fontsource/noto-sans-kr'],
  [/\p{Script=Thai}/u, '@fontsource/noto-sans-thai'],
];
const ANY_NOTO = '@fontsource/noto-sans';

const codePoint = (character: string): string =>
  `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Stops the build at the first slide that shows a character none of `faces` draws: it would otherwise
 * fall back to whatever font the viewer's system has (or to no glyph at all, as emoji do in a PDF).
 */
export function checkFontCoverage(
  slides: readonly SlideText[],
  faces: readonly FontFace[],
  settings: FontSettingsPlace,
  installed: PackageCheck,
): void {
  for (const slide of slides) {
    const missing = shownCharacters(slide.html).filter((character) => !faces.some((face) => draws(face, character)));
    if (missing.length === 0) continue;
    const lineIndex = slide.body.split('\n').findIndex((line) => missing.some((character) => line.includes(character)));
    const families = fontFamilies(faces).join(', ');
    const suggested = SUGGESTED_FONTS.find(([script]) => missing.some((c) => script.test(c)))?.[1] ?? ANY_NOTO;
    const list = `\`fonts: ['${suggested}/400.css', '${suggested}/700.css']\``;
    // Only the steps still needed: an installed package only has to be listed.
    const advice = installed(suggested)
      ? `${suggested} is installed: list its stylesheets under "fonts:" in ${settings.file}, ${list}`
      : `add a font that does under "fonts:" in ${settings.file}, e.g. \`npm install ${suggested}\` and ${list}`;
    throw new DeckError(
      slide.file,
      lineIndex < 0 ? 1 : slide.bodyLine + lineIndex,
      `text: no font of the deck (${families}) draws ${missing.map((c) => `"${c}" (${codePoint(c)})`).join(', ')}; ` +
        `${advice} (README, "Fonts")`,
    );
  }
}
