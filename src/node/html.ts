import MarkdownIt from 'markdown-it';

const HTML_SPECIAL = /[&<>"]/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Text made safe to put inside HTML elements and double-quoted attributes. */
export const escapeHtml = (text: string): string => text.replace(HTML_SPECIAL, (character) => ENTITY[character]!);

/** HTML text with its entities (`&amp;`, `&#x2014;`) decoded to the characters they stand for. */
export const unescapeHtml: (text: string) => string = new MarkdownIt().utils.unescapeAll;
