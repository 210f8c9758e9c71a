import { createRequire } from 'node:module';
import type { MermaidConfig } from 'mermaid';
import { fontStack, palette } from '../../shared/palette.ts';
import { typeScale } from '../../shared/type-scale.ts';

/** Part of every diagram's cache key: a Mermaid upgrade draws anew. */
export const MERMAID_VERSION: string = (createRequire(import.meta.url)('mermaid/package.json') as { version: string })
  .version;

/** Mermaid's own limit on a diagram's text, said here so the build can name it: past it Mermaid draws an error picture. */
export const MAX_TEXT_SIZE = 50_000;

/**
 * The deck's Mermaid settings: strict security, SVG text labels only, the deck's colours, and its
 * fonts (`families`: Inter, then deck.yml's), so a diagram draws every script the slides can.
 * `textPx`: the text size in the drawing's own units (a narrow variant's is larger).
 */
export function mermaidConfig(families: readonly string[], textPx: number = typeScale.diagramTextPx): MermaidConfig {
  const fontFamily = fontStack(families);
  return {
    theme: 'base',
    securityLevel: 'strict',
    maxTextSize: MAX_TEXT_SIZE,
    htmlLabels: false,
    flowchart: { htmlLabels: false },
    fontFamily,
    themeVariables: {
      fontFamily,
      fontSize: `${textPx}px`,
      background: palette.background,
      primaryColor: palette.accentSoft,
      primaryTextColor: palette.text,
      primaryBorderColor: palette.accent,
      lineColor: palette.muted,
      textColor: palette.text,
      cScale0: palette.accentSoft,
      cScale1: palette.warmSoft,
      cScale2: palette.greenSoft,
      cScaleLabel0: palette.text,
      cScaleLabel1: palette.text,
      cScaleLabel2: palette.text,
    },
    // The timeline brightens its events with a CSS filter, which Chromium prints as a bitmap.
    themeCSS: '.eventWrapper{filter:none}',
  };
}

/**
 * File names of Mermaid's browser runtime and the libraries it draws with, as whole words (a content
 * hash may hold "d3"). Diagrams are drawn at build time, so no such file may ship with the deck or
 * be requested by it.
 */
export const MERMAID_RUNTIME_FILE = /\b(?:mermaid|d3|dagre|cytoscape|katex)\b/i;
