import { element } from '../element.ts';
import type { RemoteAction } from './remote-protocol.ts';

/** What the remote screen shows; every part comes from the deck's state and the deck's own slides. */
export interface RemoteView {
  status: string;
  canDrive: boolean;
  /** "Slide 3 of 9 · step 2". */
  position: string;
  title: string;
  /** "Next: …": the next step, the next slide's heading, or the end. */
  next: string;
  /** The current slide's speaker notes, as the deck has them (its own built HTML). */
  notes: Element | undefined;
  /** "12:03 · 0:40 behind", or how to start the timer. */
  timer: string;
  black: boolean;
}

/** A horizontal swipe at least this long (CSS px), and longer than it is tall, moves a slide. */
const SWIPE_PX = 60;

/**
 * The phone remote's screen, over the deck (which it makes inert): the slide and what comes next,
 * large Previous and Next buttons (and swipes), the timer, a black-screen toggle and the notes.
 */
export class RemoteScreen {
  private readonly root = element('main', 'remote');
  private readonly status = element('p', 'remote-status');
  private readonly position = element('p', 'remote-position');
  private readonly title = element('h1', 'remote-title');
  private readonly next = element('p', 'remote-next');
  private readonly previousButton = element('button', 'remote-previous', 'Previous');
  private readonly nextButton = element('button', 'remote-forward', 'Next');
  private readonly timer = element('p', 'remote-timer');
  private readonly black = element('button', 'remote-black', 'Black screen');
  private readonly notes = element('section', 'remote-notes');
  private shownNotes: Element | undefined;

  constructor({ onAction, onRestartTimer }: { onAction: (action: RemoteAction) => void; onRestartTimer: () => void }) {
    this.root.setAttribute('aria-label', 'Remote');
    this.status.setAttribute('role', 'status');
    this.notes.setAttribute('aria-label', 'Speaker notes');
    const restart = element('button', 'remote-restart', 'Restart timer');
    for (const button of [this.previousButton, this.nextButton, this.black, restart]) button.type = 'button';
    this.previousButton.addEventListener('click', () => onAction('prev'));
    this.nextButton.addEventListener('click', () => onAction('next'));
    this.black.addEventListener('click', () => onAction(this.black.ariaPressed === 'true' ? 'unblack' : 'black'));
    restart.addEventListener('click', onRestartTimer);
    const moves = element('div', 'remote-moves');
    moves.append(this.previousButton, this.nextButton);
    const tools = element('div', 'remote-tools');
    tools.append(this.timer, restart, this.black);
    this.root.append(this.status, this.position, this.title, this.next, moves, tools, this.notes);
    this.onSwipe(onAction);
    const deck = document.querySelector<HTMLElement>('.reveal');
    deck?.setAttribute('inert', '');
    deck?.setAttribute('aria-hidden', 'true');
    document.documentElement.classList.add('deck-remote');
    document.body.append(this.root);
  }

  render(view: RemoteView): void {
    this.status.textContent = view.status;
    this.position.textContent = view.position;
    this.title.textContent = view.title;
    this.next.textContent = view.next;
    this.timer.textContent = view.timer;
    this.black.ariaPressed = String(view.black);
    for (const button of [this.previousButton, this.nextButton, this.black]) button.disabled = !view.canDrive;
    if (view.notes !== this.shownNotes) {
      this.shownNotes = view.notes;
      this.notes.replaceChildren(...Array.from(view.notes?.childNodes ?? [], (node) => node.cloneNode(true)));
    }
  }

  /** A swipe left is Next, right is Previous, as on the deck itself. */
  private onSwipe(onAction: (action: RemoteAction) => void): void {
    let start: { x: number; y: number } | undefined;
    this.root.addEventListener('pointerdown', (event) => (start = { x: event.clientX, y: event.clientY }));
    this.root.addEventListener('pointerup', (event) => {
      if (!start || this.nextButton.disabled) return;
      const [dx, dy] = [event.clientX - start.x, event.clientY - start.y];
      start = undefined;
      if (Math.abs(dx) >= SWIPE_PX && Math.abs(dx) > Math.abs(dy)) onAction(dx < 0 ? 'next' : 'prev');
    });
  }
}
