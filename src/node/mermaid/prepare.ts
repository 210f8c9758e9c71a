import { readFileSync } from 'node:fs';
import { contentKey } from '../cache.ts';
import { DeckError } from '../errors.ts';
import type { MermaidConfig } from 'mermaid';
import { MAX_TEXT_SIZE, MERMAID_VERSION } from './config.ts';

/**
 * How a diagram is drawn and what is done to the drawing before it is stored, as source text (the same in every runtime, unlike
 * a compiled function's): a change to any of it draws every diagram anew.
 */
const AFTER_DRAWING = [
  new URL('./render.ts', import.meta.url),
  new URL('../../client/draw-diagram.ts', import.meta.url),
  new URL('./fit.ts', import.meta.url),
  new URL('../../client/fit-diagram.ts', import.meta.url),
  new URL('./svg.ts', import.meta.url),
  new URL('./sanitize-svg.ts', import.meta.url),
  new URL('./sanitize-css.ts', import.meta.url),
  new URL('./svg-schema.ts', import.meta.url),
]
  .map((file) => readFileSync(file, 'utf8'))
  .join('\n');

/** One ```mermaid fence of a slide. */
export interface DiagramSource {
  /** The diagram text, as written in the fence. */
  code: string;
  /** The slide file, for error messages. */
  file: string;
  /** 1-based line in `file` of the diagram's first line. */
  line: number;
  /** ```` ```mermaid steps ````: the diagram unfolds one part at a time. */
  steps?: boolean;
}

/** A checked diagram, ready for Mermaid. */
export interface PreparedDiagram {
  source: DiagramSource;
  /** The text handed to Mermaid: comments blanked out so Mermaid's line numbers match the file's. */
  text: string;
  /** Its accTitle: the figure's name. */
  title: string;
  /** Its accDescr: the figure's description. */
  description: string;
  /** What the diagram is stored under and looked up by (`diagramKey`). */
  key: string;
  /** The Mermaid settings it is drawn with. */
  config: MermaidConfig;
}

const DIRECTIVE = /^\s*%%\{/;
/**
 * The first line of a diagram drawn across that has a top-down form for narrow screens: a timeline
 * (left to right unless it says `TD`), a flowchart going `LR` or `RL`.
 */
const ACROSS_HEADER = /^(\s*)(?:timeline(?:[ \t]+LR)?|(flowchart|graph)[ \t]+(?:LR|RL))([ \t]*;?[ \t]*\r?)$/;
const COMMENT = /^\s*%%/;
const ACC_TITLE = /^\s*accTitle\s*:\s*(.+?)\s*$/m;
const ACC_DESCR = /^\s*accDescr\s*:\s*(.+?)\s*$/m;

/** The text Mermaid is given: comment lines blanked, not removed, so line numbers stay the file's. */
const mermaidText = (code: string): string =>
  code
    .split('\n')
    .map((line) => (COMMENT.test(line) ? '' : line))
    .join('\n');

/** A timeline's section line: Mermaid 11.17 draws a sectioned timeline top-down with its sections over its events. */
const TIMELINE_SECTION = /^\s*section\s/m;

/**
 * The diagram's text drawn top-down for a narrow screen (`timeline TD`, `flowchart TD`), or
 * undefined when it has no such form (it is already top-down, of another type, or a timeline with
 * sections): its own drawing then serves narrow screens too. Only the first line changes, so line
 * numbers stay the file's.
 */
export function narrowCode(code: string): string | undefined {
  const lines = code.split('\n');
  const header = lines.findIndex((line) => line.trim() !== '' && !COMMENT.test(line));
  const match = ACROSS_HEADER.exec(lines[header] ?? '');
  if (!match || (match[2] === undefined && TIMELINE_SECTION.test(code))) return undefined;
  lines[header] = `${match[1]}${match[2] ?? 'timeline'} TD${match[3]}`;
  return lines.join('\n');
}

/**
 * The key of a fence's diagram: everything its stored drawing depends on (Mermaid, the deck's
 * Mermaid settings and fonts, what is done after drawing, the text).
 */
export function diagramKey(code: string, config: MermaidConfig): string {
  return contentKey(MERMAID_VERSION, JSON.stringify(config), AFTER_DRAWING, mermaidText(code));
}

/** A diagram's accTitle and accDescr, as written (the figure's name and description). */
export function diagramLabels(code: string): { title: string | undefined; description: string | undefined } {
  return { title: ACC_TITLE.exec(code)?.[1], description: ACC_DESCR.exec(code)?.[1] };
}

/**
 * Checks a diagram and readies it for Mermaid. Directives and diagram front matter are refused:
 * they could loosen the deck's security settings, and the deck sets the look in one place.
 */
export function prepareDiagram(source: DiagramSource, config: MermaidConfig): PreparedDiagram {
  const lines = source.code.split('\n');
  lines.forEach((line, index) => {
    if (DIRECTIVE.test(line)) {
      throw new DeckError(
        source.file,
        source.line + index,
        "Mermaid: %%{…}%% directives are not allowed; the deck sets Mermaid's configuration",
      );
    }
  });
  if (lines[0]?.trim() === '---') {
    throw new DeckError(
      source.file,
      source.line,
      "Mermaid: diagram front matter is not allowed; the deck sets Mermaid's configuration",
    );
  }
  const { title, description } = diagramLabels(source.code);
  if (!title || !description) {
    const missing = [title ? '' : 'accTitle', description ? '' : 'accDescr'].filter(Boolean).join(' and ');
    throw new DeckError(
      source.file,
      source.line,
      `Mermaid: ${missing} missing; every diagram needs a title and a description for screen readers and the PDF`,
    );
  }
  const text = mermaidText(source.code);
  const limit = MAX_TEXT_SIZE;
  if (text.length > limit) {
    throw new DeckError(
      source.file,
      source.line,
      `Mermaid: Maximum text size in diagram exceeded: ${text.length} characters, the limit is ${limit}; split the diagram`,
    );
  }
  return { source, text, title, description, key: diagramKey(source.code, config), config };
}
