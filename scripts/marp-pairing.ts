import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findBrowser } from '../src/node/browser-finder.ts';
import type { ParsedDeck } from '../src/node/deck/pipeline.ts';
import { findMermaidFences } from '../src/node/deck/markdown.ts';
import { timedCommand, timedExport } from './timed-command.ts';

/** `export:pdf` (the whole deck) against Marp CLI's `--pdf` (its slides without a diagram), commands alternated. */
export interface MarpPairing {
  /** The slides Marp printed: the deck's without a diagram (Marp draws none); ours prints them all. */
  slides: number;
  /** Each run's time of `npm run export:pdf`, in ms, in order. */
  oursMs: number[];
  /** Each run's time of Marp CLI, in ms, in order. */
  marpMs: number[];
}

/**
 * The deck's slides without a diagram as one Marp Markdown file: each heading and its body, as
 * written (notes and front matter left out).
 */
export function marpMarkdown(deck: ParsedDeck): { markdown: string; slides: number } {
  const slides = deck.slides.filter((slide) => findMermaidFences(slide).length === 0);
  const pages = slides.map((slide) => `# ${slide.heading}\n\n${slide.body.trim()}\n`);
  return { markdown: `---\nmarp: true\n---\n\n${pages.join('\n---\n\n')}`, slides: slides.length };
}

/**
 * Times `npm run export:pdf` (on the built deck: every slide, the diagram's too) against Marp CLI
 * (`marp`, installed apart: its `marp-cli.js`) on the deck's slides without a diagram, each as
 * written, `runs` times each, alternating which goes first. Ours does more: the comparison is
 * on its side.
 * Marp gets the browser the deck's exports use, as `CHROME_PATH` (unless set).
 */
export async function pairWithMarp(deck: ParsedDeck, marp: string, runs: number, work: string): Promise<MarpPairing> {
  const { markdown, slides } = marpMarkdown(deck);
  const source = join(work, 'marp-slides.md');
  await writeFile(source, markdown);
  const marpEnv = { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? findBrowser() };
  const ours = (): number => timedExport('export:pdf', join(work, 'paired.pdf'));
  const theirs = (): number =>
    timedCommand(process.execPath, [marp, source, '--pdf', '--output', join(work, 'marp.pdf')], marpEnv);
  const oursMs: number[] = [];
  const marpMs: number[] = [];
  for (let run = 0; run < runs; run++) {
    if (run % 2 === 0) {
      oursMs.push(ours());
      marpMs.push(theirs());
    } else {
      marpMs.push(theirs());
      oursMs.push(ours());
    }
    process.stdout.write(`  export:pdf against Marp, run ${run + 1}/${runs}\n`);
  }
  return { slides, oursMs, marpMs };
}
