import MarkdownIt from 'markdown-it';
import type { DiagramSource } from '../mermaid/mermaid.ts';

/** Slides are Markdown only: raw HTML is off so a slide cannot smuggle in scripts or styles. */
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

export const escapeHtml = markdown.utils.escapeHtml;
/** Decodes HTML entities (`&amp;`, `&#x2014;`, …) back into the characters they stand for. */
export const unescapeHtml = markdown.utils.unescapeAll;

/** The ```mermaid fences of a Markdown text, located in its file. */
export function findMermaidFences(body: string, file: string, bodyLine: number): DiagramSource[] {
  return markdown
    .parse(body, {})
    .filter((token) => token.type === 'fence' && token.info.trim() === 'mermaid')
    .map((token) => ({ code: token.content, file, line: bodyLine + (token.map?.[0] ?? 0) + 1 }));
}

/**
 * Renders Markdown to HTML; each ```mermaid fence is replaced, in order, by the next of `diagrams`
 * (the figures `renderDiagrams` made from `findMermaidFences` of the same text). With `fragments`,
 * list items appear one at a time.
 */
export function renderMarkdown(text: string, diagrams: readonly string[] = [], { fragments = false } = {}): string {
  const queue = [...diagrams];
  const env = {};
  const tokens = markdown.parse(text, env);
  for (const token of tokens) {
    if (fragments && token.type === 'list_item_open') token.attrJoin('class', 'fragment');
    if (token.type === 'fence' && token.info.trim() === 'mermaid') {
      const figure = queue.shift();
      if (figure === undefined) throw new Error('renderMarkdown: a mermaid fence has no rendered diagram');
      token.type = 'html_block';
      token.content = figure;
    }
  }
  return markdown.renderer.render(tokens, markdown.options, env);
}

/** Renders one line of Markdown without a wrapping paragraph (headings, verdicts, captions). */
export function renderInline(text: string): string {
  return markdown.renderInline(text);
}
