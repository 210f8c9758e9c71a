import { describe, expect, it } from 'vitest';
import { parseMarkdown, rawHtmlWarnings, renderMarkdown } from './markdown.ts';

describe('renderMarkdown', () => {
  it('lets a block of right-to-left text take its direction from its text', () => {
    const html = renderMarkdown('English first.\n\n- שלום עולם\n- Next item\n\nمرحبا بالعالم\n');
    expect(html).toContain('<p>English first.</p>');
    expect(html).toContain('<li dir="auto">שלום עולם</li>');
    expect(html).toContain('<li>Next item</li>');
    expect(html).toContain('<p dir="auto">مرحبا بالعالم</p>');
  });

  it('shows raw HTML as text, never as markup', () => {
    const html = renderMarkdown('A <b onclick="x()">bold</b> word.');
    expect(html).toContain('<p>A &lt;b onclick=');
    expect(html).not.toMatch(/<b[\s>]/);
  });
});

describe('rawHtmlWarnings', () => {
  it('names the file, the line and the tag of raw HTML', () => {
    const body = 'First line.\n\nSecond <div class="x">paragraph</div>.\n';
    expect(rawHtmlWarnings(parseMarkdown(body), 'slides/03-take.md', 6)).toEqual([
      'slides/03-take.md:8: raw HTML is not rendered, it shows as text: "<div class="x">"; write Markdown instead',
    ]);
  });

  it('says nothing of a comparison or an arrow', () => {
    expect(rawHtmlWarnings(parseMarkdown('a < b and c -> d, 3<4\n'), 'slides/x.md', 1)).toEqual([]);
  });
});
