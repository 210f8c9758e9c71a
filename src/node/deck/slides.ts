import { closest, distance } from 'fastest-levenshtein';
import { LineCounter, parseDocument, isMap, isScalar, type Document } from 'yaml';
import { z } from 'zod';
import { DeckError } from '../errors.ts';
import { slideFrontMatter, deckSettings, type SlideFrontMatter, type DeckSettings } from './schema.ts';

/** The deck-wide settings file in the slides folder. */
export const SETTINGS_FILE = 'deck.yml';
/**
 * `01-title.md`: the digits make the file names sort in deck order, the rest is the default slide id.
 * The deck follows the names as text (as `ls` lists them), so `045-layers.md` goes between `04-…` and
 * `05-…` without renaming either.
 */
export const SLIDE_FILE_NAME = /^(\d+)-([a-z][a-z0-9-]*)\.md$/;
const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;
/** Everything after a line reading `Notes:` is the speaker notes. */
export const NOTES_MARKER = /^Notes:[ \t]*$/m;

export interface Slide {
  /** Path relative to the project root, used in every error message. */
  file: string;
  /** Deep-link id: front matter `id`, else the file name without prefix. */
  id: string;
  data: SlideFrontMatter;
  /** Markdown shown on the slide. */
  body: string;
  /** 1-based line of the file where `body` starts, to locate errors inside it. */
  bodyLine: number;
  /** Markdown of the speaker notes. */
  notes: string;
}

/** A slide in its deck: what its own file says, and the heading the whole deck gives it. */
export interface DeckSlide extends Slide {
  /** The heading shown on the slide and in the PDF outline (see `slideHeading`). */
  heading: string;
}

const countLines = (text: string): number => text.split('\n').length - 1;

/** Parses one slide file (pure: its name and text in, a validated slide or a located error out). */
export function parseSlide(file: string, source: string): Slide {
  const name = file.split('/').pop() ?? file;
  const nameMatch = SLIDE_FILE_NAME.exec(name);
  if (!nameMatch) {
    throw new DeckError(file, 1, `file name: found "${name}"; expected NN-name.md (digits, a dash, lower-case name)`);
  }
  const frontMatter = FRONT_MATTER.exec(source);
  if (!frontMatter) {
    throw new DeckError(file, 1, 'front matter: missing; expected the file to start with a "---" YAML block');
  }
  const yamlText = frontMatter[1] ?? '';
  const data = validateYaml(file, 2, yamlText, slideFrontMatter);

  const rest = source.slice(frontMatter[0].length);
  const restLine = 1 + countLines(frontMatter[0]);
  const notesMatch = NOTES_MARKER.exec(rest);
  if (!notesMatch) {
    throw new DeckError(file, restLine, 'speaker notes: missing; expected a line "Notes:" followed by the notes');
  }
  const body = rest.slice(0, notesMatch.index);
  const notes = rest.slice(notesMatch.index + notesMatch[0].length).trim();
  if (!notes) {
    const line = restLine + countLines(rest.slice(0, notesMatch.index));
    throw new DeckError(file, line, 'speaker notes: empty; write the notes below the "Notes:" line');
  }
  return {
    file,
    id: data.id ?? nameMatch[2]!,
    data,
    body,
    bodyLine: restLine,
    notes,
  };
}

/** Parses `slides/deck.yml`. */
export function parseDeckSettings(file: string, source: string): DeckSettings {
  return validateYaml(file, 1, source, deckSettings);
}

/** Code-point order of the file names: what `ls` shows, whatever the locale's collation says. */
const byFileName = (a: Slide, b: Slide): number => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);

/** The id the build gives a slide's heading (its `aria-labelledby` target). */
export const headingId = (slideId: string): string => `${slideId}${HEADING_ID_SUFFIX}`;
const HEADING_ID_SUFFIX = '-heading';

/**
 * Puts slides in deck order (their file names, sorted as text) and rejects two slides with one id,
 * or a slide id that is another slide's heading id (`take-heading`).
 */
export function orderSlides(slides: readonly Slide[]): Slide[] {
  const sorted = [...slides].sort(byFileName);
  const byId = new Map<string, Slide>();
  for (const slide of sorted) {
    const other = byId.get(slide.id);
    if (other)
      throw new DeckError(slide.file, 1, `id: "${slide.id}" is also the id of ${other.file}; ids must be unique`);
    byId.set(slide.id, slide);
  }
  for (const slide of sorted) {
    const headed = slide.id.endsWith(HEADING_ID_SUFFIX) && byId.get(slide.id.slice(0, -HEADING_ID_SUFFIX.length));
    if (headed) {
      throw new DeckError(
        slide.file,
        1,
        `id: "${slide.id}" is the id of the heading of ${headed.file}; choose an id not ending in "${HEADING_ID_SUFFIX}"`,
      );
    }
  }
  return sorted;
}

function validateYaml<T extends z.ZodType>(file: string, firstLine: number, text: string, schema: T): z.output<T> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const lineAt = (offset: number): number => firstLine - 1 + lineCounter.linePos(offset).line;
  const [yamlError] = doc.errors;
  if (yamlError) {
    const { line, col } = lineCounter.linePos(yamlError.pos[0]);
    throw new DeckError(file, firstLine - 1 + line, `YAML: ${yamlError.message.split('\n')[0]}`, {
      column: col,
      sourceLine: text.split('\n')[line - 1] ?? '',
    });
  }
  const value: unknown = doc.toJS();
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  // A misspelt field also leaves a field missing: the unknown one is the cause, so it is named first.
  const issue =
    result.error.issues.find((candidate) => candidate.code === 'unrecognized_keys') ?? result.error.issues[0];
  if (!issue) throw new DeckError(file, firstLine, 'front matter: invalid');
  const { field, line } = locateIssue(doc, issue, lineAt, firstLine);
  throw new DeckError(file, line, `field "${field}": ${describeIssue(issue, value, knownFields(schema, value))}`);
}

function locateIssue(
  doc: Document,
  issue: z.core.$ZodIssue,
  lineAt: (offset: number) => number,
  firstLine: number,
): { field: string; line: number } {
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
  const field = path.map(String).join('.') || '(front matter)';
  // Point at the key when it exists, so "unknown" and "wrong value" both land on the offending line.
  const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
  if (isMap(parent)) {
    const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === path.at(-1));
    const range = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
    if (range) return { field, line: lineAt(range[0]) };
  }
  return { field, line: firstLine };
}

const quote = (value: unknown): string => JSON.stringify(value) ?? String(value);

function describeIssue(issue: z.core.$ZodIssue, root: unknown, known: readonly string[]): string {
  let found: unknown = root;
  for (const key of issue.path) found = (found as Record<PropertyKey, unknown> | undefined)?.[key];
  switch (issue.code) {
    case 'unrecognized_keys': {
      const unknown = issue.keys[0] ?? '';
      const suggestion = closestField(unknown, known);
      return suggestion
        ? `unknown field; did you mean "${suggestion}"?`
        : `unknown field; allowed: ${known.map(quote).join(', ')}`;
    }
    case 'invalid_value':
      return `found ${quote(found)}; allowed: ${issue.values.map(quote).join(', ')}`;
    case 'invalid_union':
      return found === undefined
        ? `missing; allowed: ${slideKinds()}`
        : `found ${quote(found)}; allowed: ${slideKinds()}`;
    case 'invalid_type':
      return found === undefined
        ? `missing; expected ${issue.expected}`
        : `found ${quote(found)}; expected ${issue.expected}`;
    default:
      return `found ${quote(found)}; ${issue.message}`;
  }
}

/** The known field `name` is a slip of (`tilte` → `title`): at most two edits, under half its length. */
function closestField(name: string, known: readonly string[]): string | undefined {
  if (known.length === 0) return undefined;
  const candidate = closest(name, [...known]);
  const edits = distance(name, candidate);
  return edits <= 2 && edits < candidate.length / 2 ? candidate : undefined;
}

/** The fields the schema allows where the value sits: for a slide, those of its kind. */
function knownFields(schema: z.ZodType, value: unknown): string[] {
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
  if (schema instanceof z.ZodDiscriminatedUnion) {
    const kind = (value as { kind?: unknown } | undefined)?.kind;
    const options = schema.options as z.ZodObject[];
    const match = options.find((option) => (option.shape.kind as z.ZodLiteral).value === kind) ?? options[0];
    return match ? Object.keys(match.shape) : [];
  }
  return [];
}

/** The slide kinds, read from the schema so a new kind shows up in error messages by itself. */
function slideKinds(): string {
  return slideFrontMatter.options.map((option) => quote(option.shape.kind.value)).join(', ');
}
