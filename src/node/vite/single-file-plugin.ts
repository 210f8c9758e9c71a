import type { Plugin, Rolldown } from 'vite';
import type { InlineScriptSource } from './csp-plugin.ts';
import { scriptElementText } from './page-scripts.ts';

const SCRIPT_TAG = /<script type="module" crossorigin src="\.\/([^"]+)"><\/script>/g;
const STYLE_TAG = /<link rel="stylesheet" crossorigin href="\.\/([^"]+)">/g;

/**
 * Folds the built page's script and stylesheet into `index.html`, so the deck is one file that
 * presents from disk (the CSP plugin, after it, allows the inlined script by its hash). Expects one
 * JS chunk (dynamic imports inlined) and assets inlined by Vite.
 */
export function singleFilePlugin(): Plugin {
  let inlined: string[] = [];
  const api: InlineScriptSource = { inlineScripts: () => inlined };
  return {
    name: 'deck-single-file',
    api,
    apply: 'build',
    enforce: 'post',
    // After Vite has filled in its dynamic imports' preload lists (`__VITE_PRELOAD__`): taken
    // earlier, the inlined code calls a name nothing defines once a lazy import runs.
    generateBundle: {
      order: 'post',
      handler(_, bundle: Rolldown.OutputBundle) {
        const page = bundle['index.html'] as Rolldown.OutputAsset | undefined;
        if (!page) throw new Error('single-file build: index.html is missing from the bundle');
        inlined = [];
        const take = (fileName: string): string => {
          const file = bundle[fileName];
          if (!file) throw new Error(`single-file build: index.html refers to ${fileName}, which is not in the bundle`);
          delete bundle[fileName];
          return file.type === 'chunk' ? file.code : String(file.source);
        };
        page.source = String(page.source)
          .replace(SCRIPT_TAG, (_, fileName: string) => {
            const code = scriptElementText(take(fileName));
            inlined.push(code);
            return `<script type="module">${code}</script>`;
          })
          .replace(STYLE_TAG, (_, fileName: string) => `<style>${take(fileName)}</style>`);
        const left = Object.keys(bundle).filter((name) => name !== 'index.html');
        if (left.length > 0) throw new Error(`single-file build: not inlined: ${left.join(', ')}`);
      },
    },
  };
}
