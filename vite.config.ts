import { defineConfig } from 'vite';
import { deckPlugin } from './src/build/deck-plugin.ts';

export default defineConfig({
  // Relative asset URLs: the built deck works from any path on any static host.
  base: './',
  plugins: [deckPlugin()],
  build: {
    target: 'es2022',
    assetsInlineLimit: 0,
  },
});
