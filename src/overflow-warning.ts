import type { RevealApi } from 'reveal.js';
import { describeOverflow, measureOverflow, PRESENT_SELECTORS } from './shared/overflow.ts';

const WARNING_CLASS = 'overflow-warning';

/** Dev server only: a visible banner on any slide whose content is larger than the slide. */
export function watchOverflow(deck: RevealApi): void {
  const check = (): void => {
    document.querySelector(`.${WARNING_CLASS}`)?.remove();
    const message = describeOverflow(measureOverflow(PRESENT_SELECTORS));
    if (!message) return;
    const banner = document.createElement('div');
    banner.className = WARNING_CLASS;
    banner.setAttribute('role', 'alert');
    banner.textContent = message;
    document.body.append(banner);
  };
  deck.on('slidechanged', check);
  deck.on('resize', check);
  // Web fonts change line breaks: measure again once they are in.
  check();
  void document.fonts.ready.then(check);
}
