import type { Schema } from 'hast-util-sanitize';

/**
 * An attribute value that stays inside the drawing: no `url()` but to a fragment of this page
 * (`url(#marker)`), no `javascript:`, no `expression()`, no backslash (a CSS escape can spell
 * `url(` without its letters, and presentation attributes are parsed as CSS).
 */
const INERT_VALUE = /^(?![\s\S]*(?:url\((?!\s*['"]?#)|javascript:|expression\(|\\))/i;
/** A link may only point into the page, at an element's id (`<use href="#id">`). */
const SAME_DOCUMENT_FRAGMENT = /^#[\w-]+$/;

/** Attributes (as hast names them) every element may carry, each with an inert value. */
const SHARED_ATTRIBUTES = [
  'className',
  'id',
  'style',
  'transform',
  'opacity',
  'visibility',
  'fill',
  'fillOpacity',
  'fillRule',
  'stroke',
  'strokeWidth',
  'strokeDashArray',
  'strokeDashOffset',
  'strokeOpacity',
  'strokeLineCap',
  'strokeLineJoin',
  'strokeMiterLimit',
  'markerStart',
  'markerMid',
  'markerEnd',
  'clipPath',
  'clipRule',
  'fontFamily',
  'fontSize',
  'fontStyle',
  'fontWeight',
  'textAnchor',
  'dominantBaseline',
  'alignmentBaseline',
  // Mermaid's flowchart marks nodes and edges with these; `steps.ts` reads `data-id`.
  'dataId',
  'dataEdge',
  'dataEt',
  'dataPoints',
  'dataLook',
];

/**
 * The elements Mermaid draws flowcharts and timelines with (and the few plain shapes other types
 * use), each with the attributes it needs for that. Everything else goes, content and all:
 * scripts, `foreignObject`, images, animation (`animate`, `set` can rewrite an `href`), `style`
 * (the stored diagram keeps its CSS apart, checked by `sanitizeCss`), `filter` (printed as a bitmap).
 */
const ELEMENT_ATTRIBUTES: Record<string, readonly string[]> = {
  svg: [
    'xmlns',
    'xmlnsXLink',
    'viewBox',
    'width',
    'height',
    'preserveAspectRatio',
    'role',
    'ariaRoleDescription',
    'ariaLabelledBy',
    'ariaDescribedBy',
  ],
  g: [],
  defs: [],
  title: [],
  desc: [],
  marker: ['viewBox', 'refX', 'refY', 'markerWidth', 'markerHeight', 'markerUnits', 'orient'],
  path: ['d'],
  line: ['x1', 'y1', 'x2', 'y2'],
  rect: ['x', 'y', 'width', 'height', 'rx', 'ry'],
  // Mermaid gives its circles a width and height too; the browser ignores them.
  circle: ['cx', 'cy', 'r', 'width', 'height'],
  ellipse: ['cx', 'cy', 'rx', 'ry'],
  polygon: ['points'],
  polyline: ['points'],
  text: ['x', 'y', 'dx', 'dy'],
  tspan: ['x', 'y', 'dx', 'dy'],
  linearGradient: ['gradientUnits', 'gradientTransform', 'x1', 'y1', 'x2', 'y2'],
  stop: ['offset', 'stopColor', 'stopOpacity'],
  clipPath: ['clipPathUnits'],
  use: ['x', 'y', 'width', 'height'],
};

const inert = (name: string): [string, RegExp] => [name, INERT_VALUE];

/**
 * The allowlist `hast-util-sanitize` applies to a diagram. Every top-level field is given, so none
 * of its default (GitHub's HTML) schema applies: no `user-content-` prefix on ids (markers and
 * gradients are referred to by them), no HTML elements.
 */
export const SVG_SCHEMA: Schema = {
  tagNames: Object.keys(ELEMENT_ATTRIBUTES),
  attributes: {
    '*': SHARED_ATTRIBUTES.map(inert),
    ...Object.fromEntries(Object.entries(ELEMENT_ATTRIBUTES).map(([tag, names]) => [tag, names.map(inert)])),
    use: [
      ...ELEMENT_ATTRIBUTES.use!.map(inert),
      ['href', SAME_DOCUMENT_FRAGMENT],
      ['xLinkHref', SAME_DOCUMENT_FRAGMENT],
    ],
  },
  // Without `strip`, an element that is not allowed goes with its content instead of being unwrapped.
  strip: null,
  ancestors: {},
  protocols: {},
  clobber: [],
  clobberPrefix: '',
  required: {},
  allowComments: false,
  allowDoctypes: false,
};
