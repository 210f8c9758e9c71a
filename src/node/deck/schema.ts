import { z } from 'zod';

/** The parties a roadmap step can favour; `None` means neither side gains. */
export const PARTIES = ['VMware', 'XenSource', 'None'] as const;
export type Party = (typeof PARTIES)[number];

/** A slide id doubles as its deep link (`#/step-2`), so it must be URL-safe. */
const SLIDE_ID = /^[a-z][a-z0-9-]*$/;
/** A live broker's address: `deck.yml`'s `live.broker`, or `$DECK_LIVE_BROKER`. */
export const WEBSOCKET_URL = /^wss?:\/\/[^/\s]+/;
/** A broker account's user name, as it stands in Mosquitto's password and ACL files. */
const BROKER_USER = /^[^\s/+#:]+$/;
/** The hosted deck's address: `deck.yml`'s `url`, or `$DECK_URL`. An absolute http(s) URL. */
export const HTTP_URL = /^https?:\/\/[^/\s]+\S*$/;
/** Text shown to the audience: a blank one would give an empty heading or PDF bookmark. */
const shownText = () => z.string().refine((text) => text.trim().length > 0, 'empty or only spaces; write the text');

const common = {
  /** The slide's heading: shown on the slide, in the PDF outline and in tests. */
  title: shownText(),
  /** Deep-link id; defaults to the file name without its numeric prefix. */
  id: z.string().regex(SLIDE_ID, 'lower-case letters, digits and dashes, starting with a letter').optional(),
  /**
   * How the slide's images are sized: `fit` keeps each at its own size, within the text's width and
   * two thirds of the slide's height; `fill` grows it to all the room under the heading and any text,
   * whole (never cropped), and never past the slide.
   *
   * @default 'fit'
   */
  image: z.enum(['fit', 'fill']).optional(),
  /** Reveal the slide's list items one at a time (reveal.js fragments). */
  fragments: z.boolean().optional(),
  /**
   * The slide's share of the talk's time, against the others' (a slide of weight 2 gets twice the
   * time of one of weight 1); used when `deck.yml` sets `minutes`.
   *
   * @default 1
   */
  weight: z.number().positive().optional(),
};

const titleSlide = z.strictObject({
  kind: z.literal('title'),
  ...common,
});

const contentSlide = z.strictObject({
  kind: z.literal('content'),
  ...common,
});

const stepSlide = z.strictObject({
  kind: z.literal('step'),
  ...common,
  /** The step's number on the roadmap (1, 2, 3…). */
  step: z.number().int().positive(),
  /** The status as the post words it, e.g. "Done, finally." */
  status: shownText(),
  /** Who the step favours. */
  advantage: z.enum(PARTIES),
  /** A qualifier printed after the verdict, e.g. "but too early to call". */
  caveat: shownText().optional(),
});

const tallySlide = z.strictObject({
  kind: z.literal('tally'),
  ...common,
});

export const slideFrontMatter = z.discriminatedUnion('kind', [titleSlide, contentSlide, stepSlide, tallySlide]);
export type SlideFrontMatter = z.infer<typeof slideFrontMatter>;
export type StepFrontMatter = z.infer<typeof stepSlide>;

/** The slide size when `deck.yml` sets none: 16:9. */
export const DEFAULT_SLIDE_SIZE = { width: 1280, height: 720 } as const;

/** Deck-wide settings, read from `slides/deck.yml` by the build, the PDF export and the social image. */
export const deckSettings = z.strictObject({
  title: shownText(),
  description: shownText(),
  /** Set by the deck's owner; omitted from the PDF when absent (the source names no author). */
  author: shownText().optional(),
  /** BCP 47 language tag for `<html lang>` and the tagged PDF. */
  lang: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/),
  /** File-name-safe name for exports, e.g. the PDF's. */
  slug: z.string().regex(SLIDE_ID, 'lower-case letters, digits and dashes'),
  /** The talk's length: the speaker view shows a pacing timer against it (reveal.js's `totalTime`). */
  minutes: z.number().positive().optional(),
  /**
   * Stylesheets of `@font-face` rules (WOFF2) for characters Inter lacks, tried after it in this
   * order: an installed package's file (`@fontsource/noto-emoji/400.css`) or a path from the project
   * root. Only the characters the slides show are kept.
   *
   * @default []
   */
  fonts: z.array(z.string().min(1)).default([]),
  /**
   * Live presenting: the MQTT broker (its WebSocket URL) the presenter publishes to and followers
   * read from; `$DECK_LIVE_BROKER` overrides it at build time. Without it, no live code is built.
   */
  live: z
    .strictObject({
      broker: z
        .string()
        .regex(WEBSOCKET_URL, 'a WebSocket URL, wss://host[:port][/path] (ws:// only on a local network)'),
      /**
       * The broker account only the presenter has (Mosquitto's `password_file` and `acl_file`):
       * going live then asks for its password, kept for the tab. Followers connect anonymously.
       */
      user: z.string().regex(BROKER_USER, 'a broker user name, without spaces, /, +, # or :').optional(),
    })
    .optional(),
  /**
   * Where the deck is hosted (`https://example.org/deck/`): the social preview tags carry absolute
   * URLs and the last slide shows it as a link and a QR code. `$DECK_URL` overrides it at build time.
   */
  url: z.string().regex(HTTP_URL, 'an absolute http(s) URL, e.g. https://example.org/deck/').optional(),
  width: z.number().int().positive().default(DEFAULT_SLIDE_SIZE.width),
  height: z.number().int().positive().default(DEFAULT_SLIDE_SIZE.height),
});
export type DeckSettings = z.infer<typeof deckSettings>;
