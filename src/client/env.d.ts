/// <reference types="vite/client" />

declare module 'virtual:deck.css';
declare module 'virtual:reveal-first.css';
declare module 'virtual:reveal-later.css';
declare module 'virtual:deck-fonts.css';
declare module 'virtual:deck-every-font' {
  /** Every face of the deck, cut down to the characters of all its slides and notes. */
  const faces: { family: string; url: string; descriptors: FontFaceDescriptors }[];
  export default faces;
}
declare module 'virtual:deck-settings' {
  /** The slide size, and the talk's length in seconds when `deck.yml` sets `minutes`. */
  const settings: { width: number; height: number; totalTime?: number };
  export default settings;
}
declare module 'virtual:deck-speaker-view' {
  import type Notes from 'reveal.js/plugin/notes';
  const loadNotes: () => Promise<typeof Notes>;
  export default loadNotes;
}
declare module 'virtual:deck-live' {
  import type { RevealApi } from 'reveal.js';
  /** The phone layout's slide placement (`ScrollViewLinks`), as a follower uses it. */
  interface SlidePlacement {
    active(): boolean;
    show(indices: { h: number; v: number }): void;
  }
  /** The speaker view, as the presenter's "Go live" control joins it. */
  interface SpeakerWindow {
    onOpen(listener: (popup: Window) => void): void;
  }
  /**
   * Starts live presenting (presenter or follower) if the deck has a broker; otherwise only binds L
   * to say so on screen.
   */
  const startLive: (deck: RevealApi, links: SlidePlacement | undefined, speakerView: SpeakerWindow) => Promise<void>;
  export default startLive;
}
