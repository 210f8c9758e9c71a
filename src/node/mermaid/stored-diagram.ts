import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { z } from 'zod';
import { DeckError } from '../errors.ts';
import type { DiagramSource } from './prepare.ts';
import { sanitizeCss, unsafeCssConstruct } from './sanitize-css.ts';
import { sanitizeSvg } from './sanitize-svg.ts';
import type { StoredDiagram } from './svg.ts';

/** `storedDiagram` names a diagram's shared style after a content key. */
const STYLE_CLASS = /^mermaid-style-[0-9a-f]{16}$/;
/** How much of a stored SVG an error quotes on each side of the first thing the sanitiser removes. */
const SNIPPET_CHARS = 40;
const LINE_BREAKS = /\s*\n\s*/g;

const storedDiagramSchema = z.strictObject({
  svg: z.string().startsWith('<svg', 'expected an SVG, "<svg …"'),
  styleClass: z.string().regex(STYLE_CLASS, 'expected "mermaid-style-" and 16 hex digits'),
  css: z.string(),
});

/** Where a stored render came from, for its errors. */
export interface StoredDiagramOrigin {
  /** The stored file as the user can paste it (`slides/.rendered/<key>.json`). */
  file: string;
  /** The fence it is the diagram of. */
  source: DiagramSource;
}

/**
 * A stored render, checked as untrusted input (a pull request can change it and nobody reads it in
 * review): the expected shape, and nothing the sanitiser would remove. What this build writes is
 * sanitised by the code its key covers, so it always passes; anything else stops the build,
 * naming the file and telling how to get a fresh render.
 */
export function parseStoredDiagram(data: string, origin: StoredDiagramOrigin): StoredDiagram {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch (error) {
    throw storedDiagramError(origin, `not JSON (${(error as Error).message.replace(LINE_BREAKS, ' ')})`);
  }
  const result = storedDiagramSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path.length > 0 ? `field "${issue.path.join('.')}"` : 'the file';
    throw storedDiagramError(origin, `not a stored diagram: ${field}: ${issue.message}`);
  }
  const diagram = result.data;
  const unsafeCss = unsafeCssConstruct(diagram.css);
  if (unsafeCss !== undefined) throw storedDiagramError(origin, `its css holds ${unsafeCss}`);
  if (sanitizeCss(diagram.css) !== diagram.css) throw storedDiagramError(origin, 'its css holds a filter');
  // Both sides go through the same parser and serialiser: only what the sanitiser removes differs.
  const asStored = toHtml(fromHtml(diagram.svg, { fragment: true }), { space: 'svg' });
  const removed = firstDifference(asStored, sanitizeSvg(diagram.svg));
  if (removed !== undefined) {
    throw storedDiagramError(
      origin,
      `its svg holds what the sanitiser does not allow, near ${snippet(asStored, removed)}`,
    );
  }
  return diagram;
}

function storedDiagramError({ file, source }: StoredDiagramOrigin, problem: string): DeckError {
  return new DeckError(
    file,
    1,
    `the stored diagram of ${source.file}:${source.line} was not written by this build: ${problem}. Delete ${file} and run the build again to render the diagram afresh (this needs a browser once)`,
  );
}

/** The index of the first character where `a` and `b` differ, or undefined if they are equal. */
function firstDifference(a: string, b: string): number | undefined {
  if (a === b) return undefined;
  let index = 0;
  while (index < a.length && a[index] === b[index]) index += 1;
  return index;
}

function snippet(text: string, at: number): string {
  const start = Math.max(0, at - SNIPPET_CHARS);
  const end = Math.min(text.length, at + SNIPPET_CHARS);
  const quoted = text.slice(start, end).replace(LINE_BREAKS, ' ');
  return JSON.stringify(`${start > 0 ? '…' : ''}${quoted}${end < text.length ? '…' : ''}`);
}
