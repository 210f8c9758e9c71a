import { defineConfig } from 'vite';
import { deckViteConfig } from './src/node/vite/vite-config.ts';

export default defineConfig(deckViteConfig());
