/// <reference types="vite/client" />

declare module 'virtual:deck.css';
declare module 'virtual:deck-fonts.css';
declare module 'virtual:deck-settings' {
  const settings: { width: number; height: number };
  export default settings;
}
declare module 'virtual:deck-speaker-view' {
  import type Notes from 'reveal.js/plugin/notes';
  const loadNotes: () => Promise<typeof Notes>;
  export default loadNotes;
}
