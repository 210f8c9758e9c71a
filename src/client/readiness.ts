import { FAILED_ATTRIBUTE, READY_ATTRIBUTE, READY_MARK, SHOWN_MARK, WAITING_ATTRIBUTE } from '../shared/readiness.ts';

/** The slide on screen: the current one when presenting, the one the scroll view is at on a phone. */
const CURRENT_SLIDE = '.reveal .slides section.present';
/** A slide's section carries its file (`slides/03-take.md`), for messages that name it. */
const SLIDE_WITH_FILE = 'section[data-file]';

/** What the viewer looks at: the slide on screen, or (printing) every page of the deck. */
export type Shown = 'screen' | 'print';

/** Says what the page is waiting for, while it waits (the time limits of scripts report it). */
export const waitingFor = (what: string): void => document.documentElement.setAttribute(WAITING_ATTRIBUTE, what);

/** `./assets/photo-x1.png ("A gradient") on slides/075-photo.md`. */
function describeImage(image: HTMLImageElement): string {
  const file = image.closest(SLIDE_WITH_FILE)?.getAttribute('data-file');
  return `${image.getAttribute('src') ?? '(no src)'} ("${image.alt}")${file ? ` on ${file}` : ''}`;
}

/** Resolves once `image` is loaded and decoded; rejects, naming it, if it cannot be. */
function imageLoaded(image: HTMLImageElement): Promise<void> {
  // The viewer is about to see it: fetch it now. A lazy image that reveal keeps hidden never
  // starts loading, and decode() on one that never loads never settles (whatwg/html#3752); an
  // eager one's decode() waits for it and rejects if it is broken.
  image.loading = 'eager';
  return image.decode().catch(() => {
    throw new Error(`image ${describeImage(image)} did not load`);
  });
}

/**
 * Printing, every page is seen: each image loads now. reveal lays out the print view at the
 * window's `load` event, measuring each slide's height to centre it on its page, and a lazy image
 * does not hold that event back: measured unloaded, its slide would be placed too low.
 */
export function loadEveryImageNow(): void {
  for (const image of Array.from(document.images)) image.loading = 'eager';
}

/**
 * Resolves when what changes the look of what the viewer sees is in: web fonts, and the images of
 * the slide on screen (printing: every image, each page is seen). Rejects naming every image that
 * does not load. Images elsewhere in the deck load lazily, later, and are never waited for.
 */
export async function fontsAndImagesLoaded(
  shown: Shown,
  waiting: (what: string) => void = () => undefined,
): Promise<void> {
  waiting('fonts');
  await document.fonts.ready;
  const images =
    shown === 'print' ? [...document.images] : [...document.querySelectorAll<HTMLImageElement>(`${CURRENT_SLIDE} img`)];
  if (images.length > 0) waiting(`images: ${images.map(describeImage).join(', ')}`);
  const results = await Promise.allSettled(images.map(imageLoaded));
  const broken = results.flatMap((result) => (result.status === 'rejected' ? [(result.reason as Error).message] : []));
  if (broken.length > 0) throw new Error(broken.join('; '));
}

/** What the page loads besides the first screen's own (every slide's fonts, the styles used later). */
export interface Rest {
  /** What this first screen needs too, already loading: a deep link's slide needs every slide's fonts. */
  beforeShown?: Promise<unknown>;
  /** Loads the rest, once the first screen is shown. */
  afterShown: () => Promise<unknown>;
}

/**
 * Marks the deck ready once the fonts and the images the viewer sees are in, and then the rest; or
 * failed, saying why. The first screen is shown (`SHOWN_MARK`) before the rest loads: on the first
 * slide, the viewer waits for nothing else.
 */
export async function markReady(shown: Shown, rest: Rest): Promise<void> {
  try {
    if (rest.beforeShown) {
      waitingFor('the fonts of every slide');
      await rest.beforeShown;
    }
    await fontsAndImagesLoaded(shown, waitingFor);
    performance.mark(SHOWN_MARK);
    waitingFor('the fonts and styles of every slide');
    await rest.afterShown();
  } catch (error) {
    markFailed(error);
    return;
  }
  document.documentElement.removeAttribute(WAITING_ATTRIBUTE);
  document.documentElement.setAttribute(READY_ATTRIBUTE, 'true');
  performance.mark(READY_MARK);
}

/** The deck cannot be shown as built: say so on `<html>` (for scripts) and on the console (for people). */
export function markFailed(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  document.documentElement.removeAttribute(WAITING_ATTRIBUTE);
  document.documentElement.setAttribute(FAILED_ATTRIBUTE, message);
  console.error(`deck: ${message}`);
}

/**
 * Resolves once the deck has said how it ended up: with `null` when it is ready, or with why it
 * cannot be shown. Run in the page by a script that drives it without Playwright (the PDF export),
 * so it takes the names it needs as arguments.
 */
export function whenSettled({ settled, failed }: { settled: string; failed: string }): Promise<string | null> {
  // No named inner functions: a bundler that keeps names would wrap them in a helper the page lacks.
  return new Promise((resolve) => {
    const html = document.documentElement;
    // An observer's callback runs after this task: checking first, then observing, misses no change.
    if (html.matches(settled)) {
      resolve(html.getAttribute(failed));
      return;
    }
    const observer = new MutationObserver(() => {
      if (!html.matches(settled)) return;
      observer.disconnect();
      resolve(html.getAttribute(failed));
    });
    observer.observe(html, { attributes: true });
  });
}
