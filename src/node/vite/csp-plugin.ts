import type { Plugin, Rolldown } from 'vite';
import { brokerOrigin } from '../deck/live-config.ts';
import { DeckError } from '../errors.ts';
import { contentSecurityPolicy, sha256, speakerViewScriptHashes } from './csp.ts';
import { deckApi, type DeckPluginApi } from './deck-plugin.ts';
import { foreignScripts } from './page-scripts.ts';

const CHARSET = /<meta charset="utf-8" \/>/;
/** Fonts inlined as data URLs (the single file). */
const INLINE_FONT = /url\(\s*["']?data:font\//;

/**
 * What a plugin that puts inline scripts into the page exposes as its `api`: the exact text of
 * each, which the policy allows by hash (and nothing else inline).
 */
export interface InlineScriptSource {
  inlineScripts: () => readonly string[];
}

/** Only the deck's own plugins (vite-config.ts) put inline scripts in; any other inline script fails the build. */
const isInlineScriptSource = (api: unknown): api is InlineScriptSource =>
  typeof (api as Partial<InlineScriptSource> | undefined)?.inlineScripts === 'function';

export interface CspPluginOptions {
  /** Where diagram renders are stored, as the user can paste it: an error names the render a script came in with. */
  renderedDir?: string;
}

/**
 * The one writer of the deck's Content-Security-Policy, in every build mode: it runs last, on the
 * finished `index.html`, and allows by hash only the inline scripts the build itself puts in (the
 * speaker view's, the early-fonts script, the single file's inlined bundle: each plugin that puts one
 * in says so as an `InlineScriptSource`), `data:` fonts if the page carries its
 * fonts inside, and the live broker's origin if it has one. Any other inline script, event
 * attribute or `javascript:` URL in the page stops the build, naming where it came from: hashing
 * whatever the page holds would let a script smuggled in with a slide or a render run.
 */
export function cspPlugin({ renderedDir }: CspPluginOptions = {}): Plugin {
  let api: DeckPluginApi;
  let scriptSources: InlineScriptSource[] = [];
  return {
    name: 'deck-csp',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      api = deckApi(config.plugins);
      scriptSources = config.plugins.map((plugin) => plugin.api as unknown).filter(isInlineScriptSource);
    },
    // With the social image's, after Vite's own post-processing of the chunks; in plugin order.
    generateBundle: {
      order: 'post',
      async handler(_, bundle: Rolldown.OutputBundle) {
        const page = bundle['index.html'] as Rolldown.OutputAsset | undefined;
        if (!page) throw new Error('CSP: index.html is missing from the bundle');
        const html = String(page.source);
        const ownScripts = scriptSources.flatMap((source) => source.inlineScripts());
        const foreign = foreignScripts(html, { allowedScripts: ownScripts, ...(renderedDir ? { renderedDir } : {}) });
        const [first] = foreign;
        if (first) {
          // Named after the file the first finding came from, the message prints alone, without a stack trace.
          throw new DeckError(
            first.file ?? 'index.html',
            1,
            `CSP: the page holds code the build did not put there, which the policy must not allow:\n  ${foreign.map(({ description }) => description).join('\n  ')}`,
          );
        }
        const live = (await api.deckIfValid())?.live;
        const policy = contentSecurityPolicy({
          scriptHashes: [...(await speakerViewScriptHashes()), ...ownScripts.map(sha256)],
          inlineFonts: INLINE_FONT.test(html),
          connectSrc: live && brokerOrigin(live),
        });
        // The policy must come before anything it governs.
        const tag = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
        page.source = html.replace(CHARSET, (charset) => `${charset}\n    ${tag}`);
      },
    },
  };
}
