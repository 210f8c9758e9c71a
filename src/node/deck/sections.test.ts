import { describe, expect, it } from 'vitest';
import { renderSection, slideHeading } from './sections.ts';
import { parseSlide, type DeckSlide, type Slide } from './slides.ts';
import { tallySteps, type Tally } from './tally.ts';

const context = { tally: tallySteps([]) };
const inDeck = (slide: Slide, tally: Tally = context.tally): DeckSlide => ({
  ...slide,
  heading: slideHeading(slide, tally),
});

describe('renderSection', () => {
  it('turns a slide into a section with its heading, body and notes apart', () => {
    const slide = parseSlide(
      'slides/03-take.md',
      '---\nkind: content\ntitle: The take\n---\n- Go big\n\nNotes:\nSay **this**.\n',
    );
    const html = renderSection(inDeck(slide), context);
    expect(html).toMatch(/^<section id="take" data-kind="content"[^>]*aria-labelledby="take-heading">/);
    expect(html).toContain('<h2 id="take-heading">The take</h2>');
    const [body, notes] = html.split('<aside class="notes">');
    expect(body).toContain('<li>Go big</li>');
    expect(body).not.toContain('Say');
    expect(notes).toContain('<p>Say <strong>this</strong>.</p>');
  });

  it('shows a step with its number, status and verdict', () => {
    const slide = parseSlide(
      'slides/07-step-3.md',
      '---\nkind: step\nstep: 3\ntitle: Servers\nstatus: Later.\nadvantage: VMware\ncaveat: but too early to call\n---\nx\nNotes:\ny\n',
    );
    const html = renderSection(inDeck(slide), context);
    expect(html).toContain('Step 3: Servers</h2>');
    expect(html).toContain('<span class="label">Status:</span> Later.');
    expect(html).toContain('data-advantage="VMware">Advantage: VMware (but too early to call).</p>');
  });

  it('renders the tally from the step data', () => {
    const slide = parseSlide('slides/09-tally.md', '---\nkind: tally\ntitle: Tally\n---\nEnd.\nNotes:\ny\n');
    const tally = tallySteps([{ kind: 'step', title: 'Hardware', step: 1, status: 'Done.', advantage: 'XenSource' }]);
    const html = renderSection(inDeck(slide, tally), { tally });
    expect(html).toContain(
      '<li data-step="1" data-advantage="XenSource"><span class="step">Step 1</span> <span class="title">Hardware</span> <span class="verdict">Advantage: XenSource.</span></li>',
    );
    expect(html).toContain('data-party="XenSource" data-count="1"');
    expect(html).toContain('data-party="VMware" data-count="0"');
    expect(html).toContain('<h2 id="tally-heading">Tally: XenSource gets the nod today</h2>');
  });

  it('makes list items fragments when the slide asks for it', () => {
    const slide = parseSlide(
      'slides/03-x.md',
      '---\nkind: content\ntitle: x\nfragments: true\n---\n- a\n- b\n\nNotes:\ny\n',
    );
    expect(renderSection(inDeck(slide), context).match(/<li class="fragment">/g)).toHaveLength(2);
  });

  it('escapes HTML written in a slide instead of passing it through', () => {
    const slide = parseSlide(
      'slides/02-x.md',
      '---\nkind: content\ntitle: x\n---\n<script>alert(1)</script>\nNotes:\ny\n',
    );
    expect(renderSection(inDeck(slide), context)).not.toContain('<script>');
  });

  it('offers the PDFs and the PowerPoint file and, given the hosted address, a QR code of it with the link', () => {
    const slide = inDeck(parseSlide('slides/09-end.md', '---\nkind: content\ntitle: End\n---\nBye.\n\nNotes:\nz\n'));
    const url = 'https://example.org/talks/2006/xensource/';
    const html = renderSection(slide, {
      ...context,
      downloads: { pdf: 'talk.pdf', handout: 'talk-handout.pdf', pptx: 'talk.pptx' },
      deckUrl: url,
    });
    expect(html).toContain(
      '<p class="download"><a href="./talk.pdf" download>Download PDF</a> <a href="./talk-handout.pdf" download>Download handout</a> <a href="./talk.pptx" download>Download PPTX</a></p>',
    );
    expect(html).toMatch(
      new RegExp(
        `<span class="qr" role="img" aria-label="QR code of ${url}"><svg [^>]*viewBox="0 0 \\d+ \\d+">.*</svg></span> <a href="${url}">`,
      ),
    );
    expect(renderSection(slide, context)).not.toContain('class="qr"');
  });
});
