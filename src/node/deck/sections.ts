import { renderSVG } from 'uqr';
import { escapeHtml } from '../html.ts';
import { renderInline, renderMarkdown, type MarkdownRenderOptions, type MarkdownTokens } from './markdown.ts';
import { headingId, type DeckSlide, type Slide } from './slides.ts';
import { leaderText, verdictText, type Tally } from './tally.ts';
import { typographicLine } from './typography.ts';

/** The deck's exports, as file names beside `index.html` (`xensource-keynote-2006.pdf`). */
export interface Downloads {
  /** The slides PDF. */
  pdf?: string;
  /** The handout PDF: slides with their notes, on paper pages. */
  handout?: string;
  /** The editable PowerPoint file. */
  pptx?: string;
}
const DOWNLOAD_LABELS: Record<keyof Downloads, string> = {
  pdf: 'Download PDF',
  handout: 'Download handout',
  pptx: 'Download PPTX',
};

/** What a slide's HTML depends on beyond its own file. */
export interface SectionContext {
  /** The slide's body as parsed when its fences were read; parsed here if not given. */
  body?: MarkdownTokens;
  /** The figure of each mermaid fence, by the fence's code (`renderDiagrams`). */
  figure?: MarkdownRenderOptions['figure'];
  /** The slide's images, found and measured; they load lazily but on the first slide. */
  images?: MarkdownRenderOptions['images'];
  lazyImages?: boolean;
  /** The verdicts of all step slides, for the tally slide. */
  tally: Tally;
  /** Files beside the page, offered for download on this slide. */
  downloads?: Downloads;
  /** The hosted deck's address (`DECK_URL`), shown on this slide as a link and a QR code to take home. */
  deckUrl?: string;
  /** The slide's time in the talk, for the speaker view's pacing timer (`deck.yml` `minutes`). */
  seconds?: number;
}

/**
 * The heading a slide shows (and the PDF outline lists): a step's is prefixed with its number, the
 * tally's followed by its leader, computed so it can never contradict the counts below it.
 */
export function slideHeading({ data }: Pick<Slide, 'data'>, tally: Pick<Tally, 'totals'>): string {
  if (data.kind === 'step') return typographicLine(`Step ${data.step}: ${data.title}`);
  if (data.kind === 'tally') return typographicLine(`${data.title}: ${leaderText(tally)}`);
  return typographicLine(data.title);
}

/** The hosted deck's address as a QR code (vector, so it prints sharp) and a link. */
function takeHome(url: string): string {
  const address = escapeHtml(url);
  return `<p class="take-home"><span class="qr" role="img" aria-label="QR code of ${address}">${renderSVG(url, { border: 1 })}</span> <a href="${address}">${address}</a></p>`;
}

/** One slide as a reveal.js `<section>`, with its notes in `<aside class="notes">`. */
export function renderSection(slide: DeckSlide, context: SectionContext): string {
  const { data } = slide;
  const labelId = headingId(slide.id);
  const level = data.kind === 'title' ? 'h1' : 'h2';
  const heading = `<${level} id="${labelId}">${renderInline(slide.heading)}</${level}>`;
  const body = renderMarkdown(context.body ?? slide.body, {
    fragments: data.fragments ?? false,
    ...(context.figure ? { figure: context.figure } : {}),
    ...(context.images ? { images: context.images, lazyImages: context.lazyImages ?? false } : {}),
  });
  const parts = [heading];
  if (data.kind === 'step') {
    parts.push(
      `<p class="step-status"><span class="label">Status:</span> ${escapeHtml(typographicLine(data.status))}</p>`,
      body,
    );
    parts.push(
      `<p class="verdict" data-advantage="${data.advantage}">${escapeHtml(typographicLine(verdictText(data)))}</p>`,
    );
  } else if (data.kind === 'tally') {
    parts.push(renderTally(context.tally), body);
  } else {
    parts.push(body);
  }
  const links = (Object.keys(DOWNLOAD_LABELS) as (keyof Downloads)[]).flatMap((kind) => {
    const file = context.downloads?.[kind];
    return file ? [`<a href="./${escapeHtml(file)}" download>${DOWNLOAD_LABELS[kind]}</a>`] : [];
  });
  if (links.length > 0) parts.push(`<p class="download">${links.join(' ')}</p>`);
  if (context.deckUrl) parts.push(takeHome(context.deckUrl));
  // The padding lives on a wrapper: reveal's print view strips any padding from sections.
  return [
    `<section id="${slide.id}" data-kind="${data.kind}" data-file="${escapeHtml(slide.file)}"${data.image === 'fill' ? ' data-image="fill"' : ''}${context.seconds === undefined ? '' : ` data-timing="${context.seconds}"`} aria-labelledby="${labelId}">`,
    '<div class="slide-content">',
    ...parts,
    '</div>',
    `<aside class="notes">${renderMarkdown(slide.notes)}</aside>`,
    '</section>',
  ].join('\n');
}

/**
 * The tally: one entry per step (its number, its title, its verdict), stacked so it reads whole on
 * a phone, then each party's count. Every figure and word comes from the step slides.
 */
function renderTally({ rows, totals }: Tally): string {
  const stepHtml = rows.map(
    (row) =>
      `<li data-step="${row.step}" data-advantage="${row.advantage}"><span class="step">Step ${row.step}</span> <span class="title">${renderInline(row.title)}</span> <span class="verdict">${escapeHtml(typographicLine(verdictText(row)))}</span></li>`,
  );
  const totalHtml = totals.map(({ party, count, caveats }) => {
    const note = caveats.length
      ? ` <span class="caveat">(${caveats.map((row) => `step ${row.step}: ${escapeHtml(typographicLine(row.caveat ?? ''))}`).join('; ')})</span>`
      : '';
    return `<li data-party="${party}" data-count="${count}"><span class="party">${party}</span> <strong class="count">${count}</strong>${note}</li>`;
  });
  return [
    `<ol class="tally" aria-label="The roadmap's steps and their verdicts">${stepHtml.join('')}</ol>`,
    `<ul class="totals" aria-label="Steps won by each party">${totalHtml.join('')}</ul>`,
  ].join('\n');
}
