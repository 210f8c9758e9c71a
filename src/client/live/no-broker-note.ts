/** What L says on a deck built without a broker. */
export const LIVE_OFF_MESSAGE = 'Live presenting is off: no broker is set in slides/deck.yml (live.broker)';
/** How long the message stays on screen. */
const SHOWN_MS = 6000;

let note: HTMLElement | undefined;
let hide: number | undefined;

/** Says, in a status region screen readers announce, that live presenting is off. */
export function showLiveOff(): void {
  if (!note) {
    note = document.createElement('div');
    note.className = 'live-off';
    note.setAttribute('role', 'status');
    // Styled from here (CSSOM, which the CSP allows): this module is all a deck without live carries.
    Object.assign(note.style, {
      position: 'fixed',
      bottom: '24px',
      left: '50%',
      transform: 'translateX(-50%)',
      zIndex: '40',
      maxWidth: '90vw',
      padding: '0.5em 1em',
      borderRadius: '0.4em',
      font: '600 16px/1.4 var(--deck-font)',
      color: 'var(--deck-background)',
      background: 'var(--deck-text)',
    });
    document.body.append(note);
  }
  const region = note;
  // A status region announces a change of its text: put the text in after the region exists.
  region.textContent = '';
  region.hidden = false;
  requestAnimationFrame(() => (region.textContent = LIVE_OFF_MESSAGE));
  window.clearTimeout(hide);
  hide = window.setTimeout(() => {
    region.hidden = true;
    region.textContent = '';
  }, SHOWN_MS);
}
