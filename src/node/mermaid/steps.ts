import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import type { Element, Root } from 'hast';

/** reveal.js shows elements with this class one step at a time, in `data-fragment-index` order. */
const FRAGMENT = 'fragment';
/** A flowchart node's id ends in `flowchart-<name>-<n>`, n counting nodes in source order. */
const NODE_ID = /flowchart-(.+)-(\d+)$/;
/** A flowchart edge's `data-id`: `L_<from>_<to>_<n>` (names may hold underscores themselves). */
const EDGE_ID = /^L_(.+)_\d+$/;

/**
 * Makes a diagram unfold one part at a time as reveal.js fragments: a timeline one period at a
 * time (its heading box, its line and its events together), a flowchart one node at a time in
 * source order, each edge with the later of its two nodes. The first part shows with the slide;
 * each → shows the next. Other diagram types are left whole.
 */
export function unfoldSteps(svg: string): string {
  const tree = fromHtml(svg, { fragment: true });
  const root = tree.children.find((node): node is Element => node.type === 'element');
  const type = String(root?.properties.ariaRoleDescription ?? '');
  if (type === 'timeline') unfoldTimeline(tree);
  else if (type.startsWith('flowchart')) unfoldFlowchart(tree);
  return toHtml(tree, { space: 'svg' });
}

function unfoldTimeline(tree: Root): void {
  let period = -1;
  for (const group of elements(tree).filter((element) => element.tagName === 'g')) {
    const classes = classesOf(group);
    if (classes.includes('taskWrapper')) period += 1;
    // The axis is a line wrapper too, but solid: it stays, the time the periods stand on.
    const periodLine =
      classes.includes('lineWrapper') &&
      elements(group).some((line) => line.tagName === 'line' && line.properties.strokeDashArray !== undefined);
    if (period >= 0 && (classes.includes('taskWrapper') || classes.includes('eventWrapper') || periodLine)) {
      makeStep(group, period);
    }
  }
}

function unfoldFlowchart(tree: Root): void {
  const all = elements(tree);
  const nodes = all
    .filter((element) => classesOf(element).includes('node'))
    .map((element) => ({ element, match: NODE_ID.exec(String(element.properties.id ?? '')) }))
    .filter((node) => node.match)
    .sort((a, b) => Number(a.match![2]) - Number(b.match![2]));
  const stepOf = new Map(nodes.map((node, index) => [node.match![1]!, index]));
  nodes.forEach(({ element }, index) => makeStep(element, index));
  const edgeStep = (dataId: unknown): number | undefined => {
    const ends = typeof dataId === 'string' ? EDGE_ID.exec(dataId)?.[1] : undefined;
    if (!ends) return undefined;
    // Split `from_to` where both halves are node names.
    for (const [from, fromStep] of stepOf) {
      const to = ends.startsWith(`${from}_`) ? stepOf.get(ends.slice(from.length + 1)) : undefined;
      if (to !== undefined) return Math.max(fromStep, to);
    }
    return undefined;
  };
  for (const element of all) {
    const classes = classesOf(element);
    // An edge's path, and its label's group (whose inner label carries the edge's id).
    const dataId = classes.includes('edgeLabel')
      ? elements(element).find((child) => child.properties.dataId)?.properties.dataId
      : element.tagName === 'path'
        ? element.properties.dataId
        : undefined;
    const step = dataId === undefined ? undefined : edgeStep(dataId);
    if (step !== undefined) makeStep(element, step);
  }
}

/** Puts `element` in step `step` of the diagram (0: shown with the slide). */
function makeStep(element: Element, step: number): void {
  if (step === 0) return;
  element.properties.className = [...classesOf(element), FRAGMENT];
  element.properties.dataFragmentIndex = step - 1;
}

function classesOf(element: Element): string[] {
  const value = element.properties.className;
  return Array.isArray(value) ? value.map(String) : [];
}

/** Every element under `parent`, in document order. */
function elements(parent: Root | Element): Element[] {
  return parent.children.flatMap((child) => (child.type === 'element' ? [child, ...elements(child)] : []));
}
