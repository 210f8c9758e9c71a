import { measureOverflow } from './measure-overflow.ts';
import type { RevealApi } from 'reveal.js';
import { describeOverflow, OVERFLOW_CHECKED_ATTRIBUTE, OVERFLOW_EVENT, PRESENT_SELECTORS } from '../shared/overflow.ts';
import { describeSmallText, TEXT_SELECTORS } from '../shared/legibility.ts';
import { measureLegibility } from './measure-legibility.ts';
import { fontsAndImagesLoaded } from './readiness.ts';
import { isSpeakerViewPreview } from './preview-frame.ts';

const WARNING_CLASS = 'overflow-warning';

/**
 * Resolves once the current slide has settled: its transition ended (reveal's slide transition
 * starts at 150 % of the slide width), web fonts and images in. Measured earlier, a slide on its
 * way in reports the distance it still has to travel as overflow.
 */
async function settled(): Promise<void> {
  await new Promise((done) => requestAnimationFrame(done));
  // getAnimations() flushes styles, so a transition that reveal has just triggered is in the list.
  // Animations that repeat forever (the controls' hint) never finish and are left out.
  for (let running = finiteAnimations(); running.length > 0; running = finiteAnimations()) {
    await Promise.all(running.map((animation) => animation.finished.catch(() => undefined)));
  }
  // A broken image is reported, and the slide still measured as it shows.
  await fontsAndImagesLoaded('screen').catch((error: unknown) => console.error(`deck: ${String(error)}`));
}

const finiteAnimations = (): Animation[] =>
  document
    .getAnimations()
    .filter((animation) => animation.playState === 'running' && animation.effect?.getTiming().iterations !== Infinity);

/**
 * Dev server only: a visible banner on any slide whose content is larger than the slide, or whose
 * text shows under 0.8× the body text (`describeSmallText`), measured once the slide has settled,
 * and the same lines on the terminal. Not in the speaker view's
 * previews: they are the deck in small frames, and a banner would cover what the presenter reads.
 */
export function watchOverflow(deck: RevealApi): void {
  if (isSpeakerViewPreview(window.location.search)) return;
  let latest = 0;
  const check = async (): Promise<void> => {
    const run = ++latest;
    await settled();
    // The presenter moved on while this slide settled: the newer check speaks for the deck.
    if (run !== latest) return;
    show(
      [describeOverflow(measureOverflow(PRESENT_SELECTORS)), describeSmallText(measureLegibility(TEXT_SELECTORS))]
        .filter(Boolean)
        .join('\n'),
    );
    // Said after the banner is up or gone, so whoever waits for it sees the outcome of this check.
    const measured = document.querySelector(PRESENT_SELECTORS.slides)?.id ?? '';
    document.documentElement.setAttribute(OVERFLOW_CHECKED_ATTRIBUTE, measured);
  };
  const checkSoon = (): void => void check();
  deck.on('slidechanged', checkSoon);
  deck.on('resize', checkSoon);
  checkSoon();
}

function show(message: string): void {
  document.querySelector(`.${WARNING_CLASS}`)?.remove();
  import.meta.hot?.send(OVERFLOW_EVENT, { message });
  if (!message) return;
  const banner = document.createElement('div');
  banner.className = WARNING_CLASS;
  banner.setAttribute('role', 'alert');
  banner.textContent = message;
  document.body.append(banner);
}
