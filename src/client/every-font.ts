import faces from 'virtual:deck-every-font';

/** When every slide's faces join the page: once loaded, or at once. */
export type Joining = 'loaded' | 'now';

/**
 * Adds every face of the deck, cut down to what all its slides show: the first screen came with its
 * own characters only. Added after the first screen's faces, they take over (of two faces alike, the
 * one added last draws) with the same glyphs and kerning. `loaded` adds each once it has loaded, so
 * nothing on screen flashes or moves; `now` adds them before they load, for a first screen that
 * waits for them anyway (a deep link): the browser then fetches no first-screen face for it. Resolves
 * once all are loaded; rejects naming a font that does not load.
 */
export async function addEveryFont(joining: Joining = 'loaded'): Promise<void> {
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
