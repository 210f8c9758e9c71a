import 'reveal.js/reveal.css';
import 'virtual:deck-fonts.css';
import 'virtual:deck.css';
import './theme.css';
import Reveal from 'reveal.js';
import settings from 'virtual:deck-settings';
import { deckConfig } from './deck-config.ts';
import { markReady } from './readiness.ts';
import { SpeakerView } from './speaker-view.ts';

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';
const PRINT_VIEW = /(^|[?&])print-pdf(&|$)/;

async function start(): Promise<void> {
  const root = document.querySelector<HTMLElement>('.reveal');
  if (!root) throw new Error('index.html has no .reveal element');
  const printing = PRINT_VIEW.test(window.location.search.slice(1));
  // Reveal fires pdf-ready once the print layout is laid out; listen before it can fire.
  const printed = printing ? new Promise((done) => document.addEventListener('pdf-ready', done, { once: true })) : undefined;

  let speakerView: SpeakerView | undefined;
  const deck = new Reveal(
    root,
    deckConfig({
      width: settings.width,
      height: settings.height,
      reducedMotion: window.matchMedia(REDUCED_MOTION).matches,
      openSpeakerView: () => speakerView?.open(),
    }),
  );
  speakerView = new SpeakerView(deck);
  await deck.initialize();
  // reveal marks the deck role="application", which stops screen readers' reading mode (reveal.js#3772).
  root.removeAttribute('role');
  await printed;
  if (import.meta.env.DEV) void import('./overflow-warning.ts').then(({ watchOverflow }) => watchOverflow(deck));
  await markReady();
}

void start();
