import MarkdownIt from 'markdown-it';
import type { DiagramSource } from '../mermaid/prepare.ts';
import { DeckError } from '../errors.ts';
import { DECORATIVE_ALT, type ShownImage } from './images.ts';
import { typographicQuotes } from './typography.ts';

/** Slides are Markdown only: raw HTML is off so a slide cannot smuggle in scripts or styles. */
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

type Token = ReturnType<typeof markdown.parse>[number];
/** A Markdown text parsed once: its fences are read from it, then it is rendered. */
export type MarkdownTokens = Token[];

/** What rendering needs beyond the tokens. */
export interface MarkdownRenderOptions {
  /** The rendered figure of a ```mermaid fence, by the fence's code; without it such a fence stays code. */
  figure?: (code: string, options: { steps: boolean }) => string;
  /**
   * List items appear one at a time.
   *
   * @default false
   */
  fragments?: boolean;
  /** The slide's images, found and measured (`resolveImages`), by their source as written. */
  images?: ReadonlyMap<string, ShownImage>;
  /**
   * Images load as the slide comes near, not with the page (all but the first slide's).
   *
   * @default false
   */
  lazyImages?: boolean;
}

/** The words after `mermaid` in a fence's info string that the deck understands. */
const FENCE_OPTIONS = ['steps'] as const;
const fenceWords = (token: Token): string[] => token.info.trim().split(/\s+/);
const isMermaidFence = (token: Token): boolean => token.type === 'fence' && fenceWords(token)[0] === 'mermaid';
const unfolds = (token: Token): boolean => fenceWords(token).includes('steps');

// Curly quotes in every block's text, a quote followed across emphasis and links; code stays as written.
markdown.core.ruler.after('inline', 'typographic_quotes', (state) => {
  for (const block of state.tokens) {
    const texts = block.children?.filter((token) => token.type === 'text') ?? [];
    typographicQuotes(texts.map((token) => token.content)).forEach((content, index) => {
      texts[index]!.content = content;
    });
  }
});

/** Letters of scripts written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko, …). */
const RIGHT_TO_LEFT = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const TEXT_BLOCKS = new Set([
  'paragraph_open',
  'heading_open',
  'list_item_open',
  'blockquote_open',
  'th_open',
  'td_open',
]);

// A block holding right-to-left text takes its direction from its text (dir="auto").
markdown.core.ruler.push('text_direction', (state) => {
  state.tokens.forEach((token, index) => {
    if (!TEXT_BLOCKS.has(token.type)) return;
    const next = state.tokens.slice(index + 1).find((candidate) => candidate.type === 'inline');
    if (next && RIGHT_TO_LEFT.test(next.content)) token.attrSet('dir', 'auto');
  });
});

/** Text that looks like an HTML tag: slides are Markdown only, so it shows as written. */
const RAW_HTML = /<\/?[a-zA-Z][\w-]*(?:\s[^<>]*)?\/?>/;

// An image points at its bundled file, with its size (nothing moves as it loads) and an empty alt
// text where the slide says it is decoration.
const renderImage = markdown.renderer.rules.image!;
markdown.renderer.rules.image = (tokens, index, options, env, self) => {
  const token = tokens[index]!;
  const { images, lazyImages } = env as MarkdownRenderOptions;
  const image = images?.get(String(token.attrGet('src')));
  if (image) {
    token.attrSet('src', image.url);
    token.attrSet('width', String(image.width));
    token.attrSet('height', String(image.height));
    if (lazyImages) token.attrSet('loading', 'lazy');
    token.attrSet('decoding', 'async');
  }
  if (token.content === DECORATIVE_ALT) token.children = [];
  return renderImage(tokens, index, options, env, self);
};

const renderCodeFence = markdown.renderer.rules.fence!;
markdown.renderer.rules.fence = (tokens, index, options, env, self) => {
  const token = tokens[index]!;
  const { figure } = env as MarkdownRenderOptions;
  return figure && isMermaidFence(token)
    ? figure(token.content, { steps: unfolds(token) })
    : renderCodeFence(tokens, index, options, env, self);
};

export function parseMarkdown(text: string): MarkdownTokens {
  return markdown.parse(text, {});
}

/** The ```mermaid fences of parsed Markdown, located in its file (`bodyLine`: the text's first line there). */
export function mermaidFences(tokens: MarkdownTokens, file: string, bodyLine: number): DiagramSource[] {
  return tokens.filter(isMermaidFence).map((token) => {
    const line = bodyLine + (token.map?.[0] ?? 0) + 1;
    const unknown = fenceWords(token)
      .slice(1)
      .filter((word) => !(FENCE_OPTIONS as readonly string[]).includes(word));
    if (unknown.length > 0) {
      throw new DeckError(
        file,
        line - 1,
        `Mermaid fence: found "${unknown.join(' ')}" after "mermaid"; allowed: ${FENCE_OPTIONS.map((word) => `"${word}"`).join(', ')}`,
      );
    }
    return { code: token.content, file, line, steps: unfolds(token) };
  });
}

/** Warnings for HTML written in parsed Markdown: it is shown as text, not rendered (`file:line: …`). */
export function rawHtmlWarnings(tokens: MarkdownTokens, file: string, bodyLine: number): string[] {
  return tokens.flatMap((token) => {
    const tag = token.type === 'inline' || token.type === 'html_block' ? RAW_HTML.exec(token.content)?.[0] : undefined;
    return tag
      ? [
          `${file}:${bodyLine + (token.map?.[0] ?? 0)}: raw HTML is not rendered, it shows as text: "${tag}"; write Markdown instead`,
        ]
      : [];
  });
}

/** The ```mermaid fences of a slide's body, located in its file. */
export function findMermaidFences(slide: { body: string; file: string; bodyLine: number }): DiagramSource[] {
  return mermaidFences(parseMarkdown(slide.body), slide.file, slide.bodyLine);
}

/** Renders Markdown (text, or tokens already parsed) to HTML. */
export function renderMarkdown(body: string | MarkdownTokens, options: MarkdownRenderOptions = {}): string {
  const tokens = typeof body === 'string' ? parseMarkdown(body) : body;
  if (options.fragments) {
    for (const token of tokens) {
      if (token.type === 'list_item_open' && !token.attrGet('class')) token.attrSet('class', 'fragment');
    }
  }
  return markdown.renderer.render(tokens, markdown.options, { ...options });
}

/** Renders one line of Markdown without a wrapping paragraph (headings, verdicts, captions). */
export function renderInline(text: string): string {
  return markdown.renderInline(text);
}
