/** How a diagram shows on its slide, as a viewer sees it. */
export interface DiagramMeasure {
  /** The smallest line of the diagram's text: its glyph box height on screen, in CSS pixels. */
  smallestTextPx: number;
  /** The body text's glyph box height on the same slide, in CSS pixels. */
  bodyTextPx: number;
  /** The drawing's share of the room it was given (the figure's box), across and down. */
  fillWidth: number;
  fillHeight: number;
}

/**
 * Measures a diagram's figure where it is shown. It runs in the page (the end-to-end tests hand it
 * over), so it is self-contained and gives no function a name.
 */
export function measureDiagram(figure: Element, shapes: string): DiagramMeasure {
  const room = figure.getBoundingClientRect();
  const svg = figure.querySelector('svg')!;
  const lines = Array.from(svg.querySelectorAll('text'))
    .flatMap((text) => {
      const spans = Array.from(text.querySelectorAll('tspan'));
      return spans.length > 0 ? spans : [text];
    })
    .filter((line) => line.textContent?.trim())
    .map((line) => line.getBoundingClientRect().height);
  const drawn = Array.from(svg.querySelectorAll(shapes))
    .filter((shape) => !shape.closest('defs, marker'))
    .map((shape) => shape.getBoundingClientRect())
    .filter((box) => box.width > 0 || box.height > 0);
  // Body text set where the diagram is, measured the same way (its glyph box), then taken away.
  const probe = document.createElement('span');
  probe.textContent = 'Hg';
  figure.parentElement!.append(probe);
  const range = document.createRange();
  range.selectNodeContents(probe);
  const bodyTextPx = range.getBoundingClientRect().height;
  probe.remove();
  return {
    smallestTextPx: Math.min(...lines),
    bodyTextPx,
    fillWidth: (Math.max(...drawn.map((box) => box.right)) - Math.min(...drawn.map((box) => box.left))) / room.width,
    fillHeight: (Math.max(...drawn.map((box) => box.bottom)) - Math.min(...drawn.map((box) => box.top))) / room.height,
  };
}
