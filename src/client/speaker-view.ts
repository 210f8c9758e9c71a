import type { RevealApi } from 'reveal.js';
import type { NotesPlugin } from 'reveal.js/plugin/notes';
import loadNotes from 'virtual:deck-speaker-view';

/** The name reveal's notes plugin gives its popup (`window.open(…, name)`). */
const SPEAKER_WINDOW = 'reveal.js - Notes';

/**
 * The speaker view (notes, next slide, timer) from reveal's notes plugin. The plugin carries a
 * Markdown parser, so it is fetched the first time the presenter asks for it, not with the deck.
 */
export class SpeakerView {
  private plugin: Promise<NotesPlugin> | undefined;
  private readonly deck: RevealApi;
  private readonly openListeners: ((popup: Window) => void)[] = [];

  constructor(deck: RevealApi) {
    this.deck = deck;
  }

  open(): void {
    this.plugin ??= Promise.all([loadNotes(), import('./speaker-preview.ts')]).then(([Notes, preview]) => {
      preview.answerPreviews(this.deck);
      const plugin = Notes();
      this.deck.registerPlugin(plugin);
      return plugin;
    });
    void this.plugin.then((plugin) => {
      plugin.open();
      // The plugin writes its popup synchronously; opening its name again returns it, not a new window.
      const popup = window.open('', SPEAKER_WINDOW);
      if (popup) for (const listener of this.openListeners) listener(popup);
    });
  }

  /** Calls `listener` with the speaker view's window each time it opens (to add controls to it). */
  onOpen(listener: (popup: Window) => void): void {
    this.openListeners.push(listener);
  }
}
