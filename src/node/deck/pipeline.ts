import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { DeckError } from '../errors.ts';
import { checkFontCoverage } from '../fonts/coverage.ts';
import { packageInstalled, readFontFaces, readOwnFontFaces, type FontFace } from '../fonts/font-faces.ts';
import { SLIDES_DIR } from '../paths.ts';
import { imageBudgetWarnings, imagesIn, resolveImages, type ImageReport } from './images.ts';
import { mermaidFences, parseMarkdown, rawHtmlWarnings } from './markdown.ts';
import { renderDiagrams, type MermaidOptions } from '../mermaid/diagrams.ts';
import { slideSeconds } from './pacing.ts';
import type { DeckSettings, StepFrontMatter } from './schema.ts';
import { renderSection, slideHeading, type Downloads } from './sections.ts';
import { orderSlides, parseDeckSettings, parseSlide, SETTINGS_FILE, type DeckSlide } from './slides.ts';
import { tallySteps, type Tally } from './tally.ts';

export interface SourceFile {
  /** Path relative to the project root. */
  file: string;
  source: string;
}

export interface DeckSource {
  settings: SourceFile;
  slides: SourceFile[];
}

export interface ParsedDeck {
  settings: DeckSettings;
  /** Where the settings came from: errors about them point into it. */
  settingsFile: SourceFile;
  slides: DeckSlide[];
  tally: Tally;
}

export interface RenderedDeck extends ParsedDeck {
  /** Every slide's `<section>`, in order. */
  html: string;
  /** The first slide's `<section>`: what the first screen shows (its fonts come first). */
  firstSectionHtml: string;
  /** The fonts that draw the slides: Inter, then deck.yml's `fonts`. */
  fontFaces: FontFace[];
  /** The diagrams' shared stylesheet. */
  diagramCss: string;
  /** Diagrams in the deck. */
  diagramCount: number;
  /** Their drawings: each diagram's, and its narrow variant where it has one. */
  drawingCount: number;
  /** Of those, the ones rendered by this build (not from the cache). */
  drawingsRendered: number;
  /** What the build made of each raster image (once per use), for its size report. */
  images: ImageReport[];
  /** What the deck builds with but should be told (`file:line: …`), e.g. raw HTML shown as text. */
  warnings: string[];
}

/** Reads `slides/`: the settings file and every slide file (anything else there is an error). */
export async function readDeckSource(root: string, slidesDir = SLIDES_DIR): Promise<DeckSource> {
  const dir = resolve(root, slidesDir);
  const names = (await readdir(dir)).filter((name) => !name.startsWith('.')).sort();
  const read = async (name: string): Promise<SourceFile> => ({
    file: relative(root, join(dir, name)).split('\\').join('/'),
    source: await readFile(join(dir, name), 'utf8'),
  });
  if (!names.includes(SETTINGS_FILE)) {
    throw new DeckError(
      `${slidesDir}/${SETTINGS_FILE}`,
      1,
      'deck settings: file missing; it holds the title, description, language and slug',
    );
  }
  return {
    settings: await read(SETTINGS_FILE),
    slides: await Promise.all(names.filter((name) => name !== SETTINGS_FILE).map(read)),
  };
}

/** Parses and checks the whole deck (pure). */
export function parseDeck({ settings, slides }: DeckSource): ParsedDeck {
  const parsed = orderSlides(slides.map(({ file, source }) => parseSlide(file, source)));
  if (parsed.length === 0)
    throw new DeckError(settings.file, 1, 'slides: none found; add files named NN-name.md beside it');
  const steps: StepFrontMatter[] = [];
  for (const slide of parsed) {
    if (slide.data.kind !== 'step') continue;
    const twin = steps.find((step) => step.step === (slide.data as StepFrontMatter).step);
    if (twin)
      throw new DeckError(
        slide.file,
        1,
        `field "step": ${twin.step} is also the number of "${twin.title}"; each step needs its own`,
      );
    steps.push(slide.data);
  }
  const tallySlide = parsed.find((slide) => slide.data.kind === 'tally');
  if (tallySlide && steps.length === 0) {
    throw new DeckError(tallySlide.file, 1, 'kind "tally": no slide of kind "step" to tally');
  }
  const tally = tallySteps(steps);
  return {
    settings: parseDeckSettings(settings.file, settings.source),
    settingsFile: settings,
    slides: parsed.map((slide) => ({ ...slide, heading: slideHeading(slide, tally) })),
    tally,
  };
}

/**
 * Renders every slide, diagrams included, into reveal.js sections; the last offers the `downloads`
 * and, given the hosted address, a QR code of it.
 */
export async function renderDeck(
  deck: ParsedDeck,
  mermaid: Omit<MermaidOptions, 'slide' | 'fonts'>,
  {
    root,
    downloads,
    deckUrl,
    cacheDir,
  }: { root: string; downloads?: Downloads | undefined; deckUrl?: string | undefined; cacheDir: string },
): Promise<RenderedDeck> {
  const { width, height, minutes } = deck.settings;
  // Each slide's Markdown is parsed once; its fences, warnings and images are read from the tokens.
  const slides = deck.slides.map((slide) => {
    const body = parseMarkdown(slide.body);
    return {
      slide,
      body,
      fences: mermaidFences(body, slide.file, slide.bodyLine),
      warnings: rawHtmlWarnings(body, slide.file, slide.bodyLine),
      imageReferences: imagesIn(body, slide.bodyLine),
    };
  });
  const images = await Promise.all(
    slides.map(({ slide, imageReferences }) =>
      resolveImages(slide.file, imageReferences, { root, maxWidth: 2 * width, maxHeight: 2 * height, cacheDir }),
    ),
  );
  const fences = slides.flatMap((parsed) => parsed.fences);
  const fontFaces = await readDeckFonts(deck.settingsFile, deck.settings.fonts, root);
  const { figure, css, drawings, rendered } = await renderDiagrams(fences, {
    ...mermaid,
    fonts: fontFaces,
    slide: { width, height },
  });
  const seconds = minutes === undefined ? undefined : slideSeconds(deck.slides, minutes);
  const sections = slides.map(({ slide, body }, index) => {
    const last = index === slides.length - 1;
    return renderSection(slide, {
      body,
      figure,
      images: images[index]!,
      lazyImages: index > 0,
      tally: deck.tally,
      ...(last && downloads ? { downloads } : {}),
      ...(last && deckUrl ? { deckUrl } : {}),
      ...(seconds ? { seconds: seconds[index]! } : {}),
    });
  });
  checkFontCoverage(
    deck.slides.map((slide, index) => ({ ...slide, html: sections[index]! })),
    fontFaces,
    deck.settingsFile,
    (name) => packageInstalled(name, root),
  );
  return {
    ...deck,
    html: sections.join('\n'),
    firstSectionHtml: sections[0] ?? '',
    fontFaces,
    diagramCss: css,
    diagramCount: fences.length,
    drawingCount: drawings,
    drawingsRendered: rendered,
    images: images.flatMap((shown) => [...shown.values()].flatMap((image) => (image.report ? [image.report] : []))),
    warnings: [
      ...slides.flatMap((parsed) => parsed.warnings),
      ...slides.flatMap(({ slide, imageReferences }, index) =>
        imageBudgetWarnings(slide.file, imageReferences, images[index]!),
      ),
    ],
  };
}

/** Inter, then the stylesheets deck.yml lists; one that cannot be read stops the build at its line. */
async function readDeckFonts(settings: SourceFile, stylesheets: readonly string[], root: string): Promise<FontFace[]> {
  const listed = await Promise.all(
    stylesheets.map((stylesheet) =>
      readFontFaces(stylesheet, root).catch((error: unknown) => {
        const line = settings.source.split('\n').findIndex((text) => text.includes(stylesheet)) + 1;
        throw new DeckError(
          settings.file,
          Math.max(line, 1),
          `field "fonts": cannot read "${stylesheet}" (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); ` +
            'expected an installed package\'s stylesheet, e.g. "@fontsource/noto-emoji/400.css", or a path from the project root',
        );
      }),
    ),
  );
  return [...(await readOwnFontFaces(root)), ...listed.flat()];
}
