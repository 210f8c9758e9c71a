import { expect, source, test } from './support/fixtures.ts';

// Baselines live in e2e/visual.spec.ts-snapshots/; `npm run test:visual:update` rewrites them on purpose.
const SEATS = [
  { name: 'the projector', viewport: { width: 1280, height: 720 }, device: {}, suffix: '' },
  {
    name: 'a phone',
    viewport: { width: 390, height: 844 },
    device: { isMobile: true, hasTouch: true },
    suffix: '-phone',
  },
] as const;

for (const { name, viewport, device, suffix } of SEATS) {
  test.describe(`on ${name}`, () => {
    test.use({ viewport, ...device });

    for (const slide of source.slides) {
      test(`slide "${slide.id}" looks as its baseline`, async ({ deck, page }) => {
        await deck.open(`#/${slide.id}`);
        // On a phone the link brings the slide's page to the top of the scroll view.
        await expect(page.locator(`section#${slide.id}`)).toBeInViewport();
        if (!suffix) await expect(deck.current()).toHaveAttribute('id', slide.id);
        // A small tolerance for anti-aliasing; a moved line or a changed colour is far more.
        await expect(
          page,
          `${slide.file} looks different from its baseline on ${name}; if you changed it on purpose, run \`npm run test:visual:update\`, look at the new PNG and commit it`,
        ).toHaveScreenshot(`${slide.id}${suffix}.png`, { maxDiffPixelRatio: 0.005 });
      });
    }
  });
}
