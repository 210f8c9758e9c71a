/** Diagram fixtures for the Mermaid tests: a valid one, a broken one, and hostile ones. */
export const timeline = `timeline
  accTitle: A small timeline
  accDescr: Two periods with one event each.
  2006 : Step 1
  2011 : Step 3
`;

export const flowchart = `flowchart LR
  accTitle: A small flowchart
  accDescr: A leads to B.
  A --> B
`;

/** Line 5 of the diagram is wrong; line 4 is a comment, which Mermaid itself would strip. */
export const broken = `flowchart LR
  accTitle: Broken
  accDescr: Has a syntax error on its fifth line.
  %% a comment above the error
  A -- x --> ;;
`;

const acc = '  accTitle: Hostile\n  accDescr: Tries to get code or a foreign URL into the deck.\n';

export const hostile: Record<string, string> = {
  'a script in a label': `flowchart LR\n${acc}  A["<script>alert(1)</script>"] --> B`,
  'an img with onerror': `flowchart LR\n${acc}  A["<img src=x onerror=alert(1)>"] --> B`,
  'a javascript: click': `flowchart LR\n${acc}  A --> B\n  click A "javascript:alert(1)"`,
  'a click callback': `flowchart LR\n${acc}  A --> B\n  click A callback "tooltip"`,
  'an external image in a label': `flowchart LR\n${acc}  A["<img src='https://evil.example/x.png'>"] --> B`,
  'an external link in a label': `flowchart LR\n${acc}  A["<a href='https://evil.example/'>go</a>"] --> B\n  click B "https://evil.example/" _blank`,
};

/** Elements that must never come out of a diagram. */
export const FORBIDDEN_ELEMENTS = [
  'script',
  'img',
  'image',
  'iframe',
  'foreignobject',
  'a',
  'object',
  'embed',
  'style',
];
