import faces from 'virtual:deck-every-font';

/**
 * Adds every face of the deck, cut down to what all its slides show, once each has loaded: the first
 * screen came with its own characters only. Added after the first screen's faces, they take over at
 * once (of two faces alike, the one added last draws) with the same glyphs and kerning, so nothing
 * flashes or moves. Rejects naming a font that does not load.
 */
export async function addEveryFont(): Promise<void> {
  const loaded = await Promise.all(
    faces.map(({ family, url, descriptors }) =>
      new FontFace(family, `url(${JSON.stringify(url)})`, descriptors).load().catch(() => {
        throw new Error(`font ${url} (${family} ${descriptors.weight ?? ''}) did not load`);
      }),
    ),
  );
  for (const face of loaded) document.fonts.add(face);
}
