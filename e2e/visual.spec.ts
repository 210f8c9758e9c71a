import { expect, source, test } from './support/fixtures.ts';

// Baselines live in e2e/visual.spec.ts-snapshots/; `npm run test:visual:update` rewrites them on purpose.
test.use({ viewport: { width: 1280, height: 720 } });

for (const slide of source.slides) {
  test(`slide "${slide.id}" looks as its baseline`, async ({ deck, page }) => {
    await deck.open(`#/${slide.id}`);
    await expect(deck.current()).toHaveAttribute('id', slide.id);
    // A small tolerance for anti-aliasing; a moved line or a changed colour is far more.
    await expect(
      page,
      `${slide.file} looks different from its baseline; if you changed it on purpose, run \`npm run test:visual:update\`, look at the new PNG and commit it`,
    ).toHaveScreenshot(`${slide.id}.png`, { maxDiffPixelRatio: 0.005 });
  });
}
