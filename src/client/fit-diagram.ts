/**
 * Runs in the build's browser, on a diagram Mermaid has just drawn (see `src/node/mermaid/fit.ts`):
 * trims what carries no meaning and crops the viewBox to the drawing, so the diagram is drawn as
 * large as its slide allows. It is handed to the page as source text, so it is self-contained and
 * names no inner functions (tsx would wrap them in a helper the page does not have).
 */
export function fitDiagram(svg: SVGSVGElement, margin: number): void {
  const toUser = svg.getScreenCTM()!.inverse();
  // Every element's box in the diagram's own units.
  const boxesOf = (elements: Element[]) =>
    elements.map((element) => {
      const rect = element.getBoundingClientRect();
      const a = new DOMPoint(rect.left, rect.top).matrixTransform(toUser);
      const b = new DOMPoint(rect.right, rect.bottom).matrixTransform(toUser);
      return { left: a.x, top: a.y, right: b.x, bottom: b.y };
    });
  if (svg.getAttribute('aria-roledescription') === 'timeline') {
    // Mermaid runs each period's dashed line far below its events, ending in an arrowhead, and the
    // time axis far past the last period: a period's line now ends at its first event, the axis
    // just past the last period.
    const periods = boxesOf(Array.from(svg.querySelectorAll('.taskWrapper')));
    const events = boxesOf(Array.from(svg.querySelectorAll('.eventWrapper')));
    for (const line of Array.from(svg.querySelectorAll('.lineWrapper line'))) {
      const x = Number(line.getAttribute('x1'));
      if (line.hasAttribute('stroke-dasharray')) {
        const tops = events.filter((box) => box.left <= x && box.right >= x).map((box) => box.top);
        if (tops.length > 0) line.setAttribute('y2', String(Math.min(...tops)));
        line.removeAttribute('marker-end');
      } else {
        line.setAttribute('x2', String(Math.max(...periods.map((box) => box.right)) + margin * 4));
      }
    }
  }
  const drawn = Array.from(svg.querySelectorAll('path, rect, line, circle, ellipse, polygon, polyline, text'));
  const shapes = boxesOf(drawn.filter((shape) => !shape.closest('defs, marker'))).filter(
    (box) => box.right > box.left || box.bottom > box.top,
  );
  const left = Math.min(...shapes.map((box) => box.left)) - margin;
  const top = Math.min(...shapes.map((box) => box.top)) - margin;
  const width = Math.max(...shapes.map((box) => box.right)) + margin - left;
  const height = Math.max(...shapes.map((box) => box.bottom)) + margin - top;
  svg.setAttribute('viewBox', [left, top, width, height].map((value) => Math.round(value * 100) / 100).join(' '));
  svg.style.maxWidth = `${Math.ceil(width)}px`;
}
