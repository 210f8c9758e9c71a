import { describe, expect, it } from 'vitest';
import { contentSlides } from './pptx-content.ts';

/** A built page with reveal's structure and the deck's kinds of content (as sections.ts writes them). */
const PAGE = `<!doctype html><html><body><div class="reveal"><div class="slides">
<section id="title" data-kind="title"><div class="slide-content">
<h1 id="t">A talk</h1><p>On <strong>Tuesday</strong>, <em>late</em>; see <a href="#/steps">the steps</a> and <a href="https://example.org/">the post</a>.</p>
</div><aside class="notes"><p>First   note.</p><ul><li>one</li><li>two</li></ul></aside></section>
<section id="steps" data-kind="step"><div class="slide-content">
<h2>Step 1: hardware</h2>
<p class="step-status"><span class="label">Status:</span> Done, finally.</p>
<ul><li>A point<ol><li>a sub-point</li></ol></li><li class="fragment">shown later</li></ul>
<blockquote><p>Quoted words.</p></blockquote>
<p class="verdict" data-advantage="None">Advantage: None.</p>
</div></section>
<section id="tally" data-kind="tally"><div class="slide-content"><h2>The tally</h2>
<ol class="tally" aria-label="The steps"><li><span class="step">Step 1</span> <span class="title">Hardware</span> <span class="verdict">Advantage: None.</span></li></ol>
<ul class="totals"><li><span class="party">VMware</span> <strong class="count">2</strong> <span class="caveat">(step 3: early)</span></li></ul>
</div></section>
<section id="timeline" data-kind="content"><div class="slide-content"><h2>In time</h2>
<figure class="diagram" role="img" aria-label="The roadmap"><svg id="d" viewBox="0 0 100 50" class="mermaid-style-x"><text>2006</text><g class="fragment" data-fragment-index="0"><text>later</text></g></svg><svg data-layout="narrow" viewBox="0 0 50 100"><text>phone</text></svg><figcaption>Step 1 is done.</figcaption></figure>
<p><img src="assets/photo.webp" alt="A photo"></p>
</div></section>
</div></div></body></html>`;

describe('the PowerPoint content of a built deck', () => {
  const [title, step, tally, timeline] = contentSlides(PAGE);

  it('reads each slide’s heading, kind and notes', () => {
    expect([title, step, tally, timeline].map((slide) => [slide!.id, slide!.kind, slide!.title])).toEqual([
      ['title', 'title', 'A talk'],
      ['steps', 'step', 'Step 1: hardware'],
      ['tally', 'tally', 'The tally'],
      ['timeline', 'content', 'In time'],
    ]);
    expect(title!.notes).toBe('First note.\n\n• one\n• two');
  });

  it('keeps bold, italic, and links as jumps to a slide or out', () => {
    expect(title!.blocks).toEqual([
      {
        kind: 'paragraph',
        runs: [
          { text: 'On ' },
          { text: 'Tuesday', bold: true },
          { text: ', ' },
          { text: 'late', italic: true },
          { text: '; see ' },
          { text: 'the steps', link: { slide: 1 } },
          { text: ' and ' },
          { text: 'the post', link: { url: 'https://example.org/' } },
          { text: '.' },
        ],
      },
    ]);
  });

  it('reads a step’s status, bullets with their levels, quote and verdict in order', () => {
    expect(step!.blocks).toEqual([
      { kind: 'status', label: 'Status:', runs: [{ text: 'Done, finally.' }] },
      {
        kind: 'list',
        items: [
          { level: 0, ordered: false, runs: [{ text: 'A point' }] },
          { level: 1, ordered: true, runs: [{ text: 'a sub-point' }] },
          { level: 0, ordered: false, runs: [{ text: 'shown later' }] },
        ],
      },
      { kind: 'quote', paragraphs: [[{ text: 'Quoted words.' }]] },
      { kind: 'verdict', text: 'Advantage: None.' },
    ]);
  });

  it('reads the tally’s rows and totals as cells', () => {
    expect(tally!.blocks).toEqual([
      {
        kind: 'tally',
        rows: [{ step: 'Step 1', title: 'Hardware', verdict: 'Advantage: None.' }],
        totals: [{ party: 'VMware', count: '2', caveat: '(step 3: early)' }],
      },
    ]);
  });

  it('takes the slide’s drawing of a diagram (not the phone’s), its name and description, and images with their alt text', () => {
    const [diagram, image] = timeline!.blocks;
    expect(diagram).toMatchObject({ kind: 'diagram', name: 'The roadmap', description: 'Step 1 is done.' });
    expect(diagram?.kind === 'diagram' && diagram.svg).toContain('2006');
    expect(diagram?.kind === 'diagram' && diagram.svg).not.toContain('phone');
    expect(image).toEqual({ kind: 'image', src: 'assets/photo.webp', alt: 'A photo' });
  });

  it('with steps apart, gives a slide per step, before the first and after each, and links land on a slide’s first', () => {
    const separate = contentSlides(PAGE, { separateFragments: true });
    expect(separate.map((slide) => slide.id)).toEqual(['title', 'steps', 'steps', 'tally', 'timeline', 'timeline']);
    const items = (slide: (typeof separate)[number]) =>
      slide.blocks.flatMap((block) => (block.kind === 'list' ? block.items.map((item) => item.runs[0]!.text) : []));
    expect(items(separate[1]!)).toEqual(['A point', 'a sub-point']);
    expect(items(separate[2]!)).toEqual(['A point', 'a sub-point', 'shown later']);
    const svgOf = (slide: (typeof separate)[number]) =>
      slide.blocks.flatMap((block) => (block.kind === 'diagram' ? [block.svg] : [])).join('');
    expect(svgOf(separate[4]!)).not.toContain('later');
    expect(svgOf(separate[5]!)).toContain('later');
    const link = separate[0]!.blocks[0]!.kind === 'paragraph' ? separate[0]!.blocks[0].runs[5] : undefined;
    expect(link).toEqual({ text: 'the steps', link: { slide: 1 } });
    const toTally = contentSlides(PAGE.replace('#/steps', '#/tally'), { separateFragments: true })[0]!.blocks[0]!;
    expect(toTally.kind === 'paragraph' && toTally.runs[5]).toEqual({ text: 'the steps', link: { slide: 3 } });
  });

  it('says so when the page is not a deck', () => {
    expect(() => contentSlides('<p>hello</p>')).toThrow('no reveal.js .slides element');
  });
});
