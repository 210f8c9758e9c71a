import 'virtual:reveal-first.css';
import 'virtual:deck-fonts.css';
import 'virtual:deck.css';
import './theme.css';
import './diagrams.css';
import Reveal from 'reveal.js';
import settings from 'virtual:deck-settings';
import { deckConfig } from './reveal-config.ts';
import { NARROW_QUERY } from './narrow-query.ts';
import { NarrowLayout } from './narrow-layout.ts';
import { readPrintOptions } from '../shared/print-options.ts';
import { loadEveryImageNow, markFailed, markReady, waitingFor } from './readiness.ts';
import { addEveryFont } from './every-font.ts';
import startLive from 'virtual:deck-live';
import { ScrollViewLinks } from './scroll-view-links.ts';
import { REMOTE_PARAM } from './live-key.ts';
import { SpeakerView } from './speaker-view.ts';
import { isSpeakerViewPreview } from './preview-frame.ts';
import { showsMoreThanTheFirstSlide } from './first-screen.ts';

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';
/** The dev server's stand-in slide while the deck has an error (see the deck plugin). */
const ERROR_SLIDE = '[data-deck-error]';

/** The styles no first screen on a wide window uses (see later-styles.ts). */
const laterStyles = (): Promise<unknown> => import('./later-styles.ts');
/** The first slide's section, whose id a link to it may name. */
const FIRST_SLIDE = '.reveal .slides > section';

async function start(): Promise<void> {
  waitingFor('reveal.js to start');
  const root = document.querySelector<HTMLElement>('.reveal');
  if (!root) throw new Error('index.html has no .reveal element');
  const print = readPrintOptions(new URLSearchParams(window.location.search));
  if (print.printing) loadEveryImageNow();
  // Reveal fires pdf-ready once the print layout is laid out; listen before it can fire.
  const printed = print.printing
    ? new Promise((done) => document.addEventListener('pdf-ready', done, { once: true }))
    : undefined;

  // The print view and the speaker view's previews always lay out the deck's own size.
  const fixedSize = print.printing || isSpeakerViewPreview(window.location.search);
  // A first screen that shows more than the first slide needs every slide's fonts to be shown: they
  // load from the start, beside reveal's (the page's head has already asked for their files).
  const narrowAtStart = window.matchMedia(NARROW_QUERY).matches;
  const query = new URLSearchParams(window.location.search);
  const opening = {
    search: window.location.search,
    hash: window.location.hash,
    firstSlideId: document.querySelector(FIRST_SLIDE)?.id,
    narrow: narrowAtStart,
  };
  const everyFont = showsMoreThanTheFirstSlide(opening) ? addEveryFont('now') : undefined;
  everyFont?.catch(() => undefined); // said by markReady

  // The print view and a phone's scroll view are laid out with reveal's later styles: in before it starts.
  if (print.printing || narrowAtStart) await laterStyles();

  const keepHash = document.querySelector(ERROR_SLIDE) !== null;
  // The phone remote's page keeps its deck under the remote's screen: laid out whole (the remote
  // reads its slides), and off the address bar, whose fragment holds the pairing.
  const remote = query.has(REMOTE_PARAM);
  const wide = { width: settings.width, height: settings.height, hash: !keepHash && !remote, center: true };
  const narrow = fixedSize || remote ? undefined : new NarrowLayout(wide);
  const deck = new Reveal(
    root,
    deckConfig({
      ...(narrow?.options() ?? wide),
      ...(settings.totalTime ? { totalTime: settings.totalTime } : {}),
      reducedMotion: window.matchMedia(REDUCED_MOTION).matches,
      openSpeakerView: () => {
        speakerView.open();
      },
      print,
      scrollView: !fixedSize && !remote,
      preview: isSpeakerViewPreview(window.location.search),
    }),
  );
  const speakerView = new SpeakerView(deck);
  await deck.initialize();
  // reveal centres a slide by its height when it shows it: an image that loads later (lazily, or
  // after a deep link) makes the slide taller, and the slide must be centred again.
  document.addEventListener('load', (event) => event.target instanceof HTMLImageElement && deck.layout(), true);
  // The speaker view's preview frames: their own chunk, which no audience downloads.
  if (isSpeakerViewPreview(window.location.search)) {
    await import('./speaker-preview.ts').then(({ startPreview }) => startPreview(deck));
  }
  let links: ScrollViewLinks | undefined;
  if (narrow) {
    links = new ScrollViewLinks(deck, { follow: !keepHash });
    links.start();
    narrow.watch(deck, links);
  }
  // reveal marks the deck role="application", which stops screen readers' reading mode (reveal.js#3772).
  root.removeAttribute('role');
  if (printed) {
    waitingFor('the print layout');
    await printed;
    await import('./print-view.ts').then(({ preparePrintView }) => preparePrintView(root, print, settings));
  }
  // The audience follows the presenter (or the presenter goes live); never in print or a preview.
  if (!fixedSize) void startLive(deck, links, speakerView).catch((error: unknown) => console.warn('live:', error));
  if (import.meta.env.DEV) void import('./overflow-warning.ts').then(({ watchOverflow }) => watchOverflow(deck));
  // A hash reveal read otherwise than `showsMoreThanTheFirstSlide` did: its fonts load now.
  const fonts = everyFont ?? (deck.isFirstSlide() ? undefined : addEveryFont('now'));
  await markReady(print.printing ? 'print' : 'screen', {
    ...(fonts ? { beforeShown: fonts } : {}),
    afterShown: () => Promise.all([fonts ?? addEveryFont(), laterStyles()]),
  });
}

void start().catch(markFailed);
