import { READY_ATTRIBUTE, READY_MARK } from '../shared/readiness.ts';

/** Resolves when what changes the page's look after reveal starts is in: web fonts and images. */
export async function fontsAndImagesLoaded(): Promise<void> {
  await document.fonts.ready;
  await Promise.all(Array.from(document.images, (image) => image.decode().catch(() => undefined)));
}

/** Marks the deck ready once its fonts and images are in. */
export async function markReady(): Promise<void> {
  await fontsAndImagesLoaded();
  document.documentElement.setAttribute(READY_ATTRIBUTE, 'true');
  performance.mark(READY_MARK);
}
