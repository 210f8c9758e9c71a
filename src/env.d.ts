/// <reference types="vite/client" />

declare module 'virtual:deck.css';
declare module 'virtual:deck-fonts.css';
declare module 'virtual:deck-settings' {
  const settings: { width: number; height: number; title: string };
  export default settings;
}
declare module 'virtual:deck-speaker-view' {
  const loadNotes: () => Promise<typeof import('reveal.js/plugin/notes').default>;
  export default loadNotes;
}
