import { defineConfig } from 'vite';
import { deckViteConfig } from './src/build/vite-config.ts';

export default defineConfig(deckViteConfig());
