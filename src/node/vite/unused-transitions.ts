import type { Plugin } from 'postcss';
import { DECK_TRANSITIONS } from '../../shared/transitions.ts';

/**
 * A transition named in a selector: reveal's class on `.reveal` (`.reveal.zoom`) or a slide's
 * `data-transition` / `data-background-transition` attribute (`=zoom`, `~=zoom-in`).
 */
const TRANSITION_IN_SELECTOR =
  /\.reveal\.(default|slide|none|fade|convex|concave|zoom|cube|page|linear)\b|\[data-(?:background-)?transition~?=["']?([a-z]+?)(?:-in|-out)?["']?\]/g;

/**
 * A PostCSS plugin that drops the rules of reveal.js's other transitions (zoom, convex, cube, …;
 * some 15 KB of its stylesheet): nobody sees them, and every viewer would download them with the
 * first slide. A selector that names only the deck's transitions, or none, stays.
 */
export function unusedTransitions(used: readonly string[] = DECK_TRANSITIONS): Plugin {
  const isUsed = (selector: string): boolean =>
    [...selector.matchAll(TRANSITION_IN_SELECTOR)].every(([, name, attribute]) => used.includes(name ?? attribute!));
  return {
    postcssPlugin: 'deck-unused-transitions',
    Rule(rule) {
      const kept = rule.selectors.filter(isUsed);
      if (kept.length === 0) rule.remove();
      else if (kept.length < rule.selectors.length) rule.selectors = kept;
    },
  };
}
