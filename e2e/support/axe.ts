import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import type { AxeResults, RunOptions } from 'axe-core';

/** WCAG 2.0, 2.1 and 2.2, levels A and AA. */
export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core in the page and returns its violations as readable lines. axe is evaluated through
 * the DevTools protocol rather than added as a script tag, which the deck's CSP would refuse.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(await axeSource);
  const options: RunOptions = { runOnly: { type: 'tag', values: WCAG_AA_TAGS } };
  const results = await page.evaluate(
    (runOptions) => (window as unknown as { axe: { run: (o: RunOptions) => Promise<AxeResults> } }).axe.run(runOptions),
    options,
  );
  return results.violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${violation.id} (${violation.impact ?? 'unknown'}): ${node.target.join(' ')}: ${node.failureSummary ?? ''}`,
    ),
  );
}
