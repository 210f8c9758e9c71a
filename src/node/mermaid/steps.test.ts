import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import type { Root, RootContent } from 'hast';
import { describe, expect, it } from 'vitest';
import { unfoldSteps } from './steps.ts';

const fixture = (name: string): Promise<string> => readFile(join(import.meta.dirname, '__fixtures__', name), 'utf8');

/** Each step of an unfolded SVG as "what it is → its fragment index", in document order. */
function steps(svg: string): string[] {
  const found: string[] = [];
  const walk = (node: Root | RootContent): void => {
    if (node.type === 'element') {
      const classes = (node.properties.className ?? []).filter((name) => name !== 'fragment');
      const isStep = node.properties.dataFragmentIndex !== undefined;
      if (isStep && (node.properties.className as string[]).includes('fragment')) {
        const what = String(node.properties.dataId ?? node.properties.id ?? classes.join('.'));
        found.push(`${what.replace('DIAGRAM_ID_TOKEN-', '')} → ${String(node.properties.dataFragmentIndex)}`);
      }
    }
    if ('children' in node) node.children.forEach(walk);
  };
  walk(fromHtml(svg, { fragment: true }));
  return found;
}

describe('unfoldSteps', () => {
  it('unfolds a timeline one period at a time: its box, its line and its events together', async () => {
    // The first period shows with the slide; the second is the first step.
    expect(steps(unfoldSteps(await fixture('timeline.svg')))).toEqual([
      'taskWrapper → 0',
      'lineWrapper → 0',
      'eventWrapper → 0',
    ]);
  });

  it('unfolds a flowchart node by node in source order, each edge with the later of its nodes', async () => {
    const unfolded = unfoldSteps(await fixture('flowchart.svg'));
    const found = steps(unfolded);
    // Draft shows with the slide; review is the first step, publish the second.
    expect(found.filter((step) => step.startsWith('flowchart-'))).toEqual([
      'flowchart-review-1 → 0',
      'flowchart-publish_now-5 → 1',
    ]);
    // Paths and their labels' groups: draft→review and back appear with review, the last with publish.
    expect(found.filter((step) => step.startsWith('L_') || step.startsWith('edgeLabel'))).toEqual([
      'L_draft_review_0 → 0',
      'L_review_draft_0 → 0',
      'L_review_publish_now_0 → 1',
      'edgeLabel → 0',
      'edgeLabel → 0',
      'edgeLabel → 1',
    ]);
  });

  it('keeps every id and leaves the drawing otherwise as it was', async () => {
    const svg = await fixture('flowchart.svg');
    const ids = (text: string): string[] => [...text.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]!);
    expect(ids(unfoldSteps(svg))).toEqual(ids(svg));
  });

  it('leaves a diagram of another type whole', () => {
    const pie = '<svg aria-roledescription="pie" viewBox="0 0 10 10"><g class="node" id="x-flowchart-a-0"></g></svg>';
    expect(steps(unfoldSteps(pie))).toEqual([]);
  });
});
