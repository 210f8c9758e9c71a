/** One face of the deck's fonts, as the build lists them: where its file is, and what it draws. */
export interface DeckFace {
  family: string;
  url: string;
  descriptors: FontFaceDescriptors;
}

/** When faces join the page: once loaded, or at once. */
export type Joining = 'loaded' | 'now';

/**
 * The property of `window` where the page's head leaves the load of every slide's faces it started
 * (`early-fonts.ts`), for the deck's script to wait on instead of starting it again.
 */
export const EARLY_FACES = 'deckEveryFace';

declare global {
  interface Window {
    [EARLY_FACES]?: Promise<void>;
  }
}

/**
 * Adds `faces` to the page, after the stylesheet's, so they take over (of two faces alike, the one
 * added last draws). `loaded` adds each once it has loaded, so nothing on screen flashes or moves;
 * `now` adds them before they load, for a first screen that waits for them anyway: a stylesheet face
 * they replace is then fetched only if the page laid out text before (the page's head adds them
 * before anything is laid out). Resolves once all are loaded; rejects naming a font that
 * does not load.
 */
export async function addFaces(faces: readonly DeckFace[], joining: Joining): Promise<void> {
  const added = faces.map(({ family, url, descriptors }) => {
    const face = new FontFace(family, `url(${JSON.stringify(url)})`, descriptors);
    if (joining === 'now') document.fonts.add(face);
    return face.load().then(
      () => face,
      () => {
        throw new Error(`font ${url} (${family} ${descriptors.weight ?? ''}) did not load`);
      },
    );
  });
  const loaded = await Promise.all(added);
  if (joining === 'loaded') for (const face of loaded) document.fonts.add(face);
}
