/**
 * Runs in the build's browser, on a diagram Mermaid has just drawn (see `src/node/mermaid/fit.ts`):
 * trims what carries no meaning and crops the viewBox to the drawing, so the diagram is drawn as
 * large as its slide allows. It is handed to the page as source text, so it is self-contained and
 * gives no function a name (tsx would wrap named functions in a helper the page does not have).
 */
export function fitDiagram(svg: SVGSVGElement, { margin, shapes }: { margin: number; shapes: string }): void {
  const toUser = svg.getScreenCTM()!.inverse();
  // Every drawn element's box in the diagram's own units, measured before anything moves.
  const boxes = new Map(
    Array.from(svg.querySelectorAll(`${shapes}, g`), (element) => {
      const rect = element.getBoundingClientRect();
      const a = new DOMPoint(rect.left, rect.top).matrixTransform(toUser);
      const b = new DOMPoint(rect.right, rect.bottom).matrixTransform(toUser);
      return [element, { left: a.x, top: a.y, right: b.x, bottom: b.y }] as const;
    }),
  );
  const lines = Array.from(svg.querySelectorAll('.lineWrapper line'));
  // Every shape outside the marker definitions, the timeline's lines apart (they are cut below).
  const shapeBoxes = [...boxes]
    .filter(([element]) => element.tagName !== 'g' && !lines.includes(element) && !element.closest('defs, marker'))
    .map(([, box]) => box);
  if (svg.getAttribute('aria-roledescription') === 'timeline') {
    const axis = lines.find((line) => !line.hasAttribute('stroke-dasharray'));
    if (axis && axis.getAttribute('x1') === axis.getAttribute('x2')) {
      // Drawn top-down, the time axis starts and ends a long way from the first and last boxes
      // (sections' included); each event's dashed line points at it without an arrowhead, as across.
      axis.setAttribute('y1', String(Math.min(...shapeBoxes.map((box) => box.top)) - margin));
      axis.setAttribute('y2', String(Math.max(...shapeBoxes.map((box) => box.bottom)) + margin * 4));
      for (const line of lines) if (line !== axis) line.removeAttribute('marker-end');
    } else {
      // Mermaid runs each period's dashed line far below its events, ending in an arrowhead, and the
      // time axis far past the last period: a period's line now ends at its first event, the axis
      // just past the last period.
      const periods = Array.from(svg.querySelectorAll('.taskWrapper'), (group) => boxes.get(group)!);
      const events = Array.from(svg.querySelectorAll('.eventWrapper'), (group) => boxes.get(group)!);
      for (const line of lines) {
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
  }
  // The drawing: its shapes, and the timeline's lines as they now end.
  const drawn = shapeBoxes
    .concat(
      lines.map((line) => {
        const [x1, y1, x2, y2] = ['x1', 'y1', 'x2', 'y2'].map((name) => Number(line.getAttribute(name)));
        return {
          left: Math.min(x1!, x2!),
          top: Math.min(y1!, y2!),
          right: Math.max(x1!, x2!),
          bottom: Math.max(y1!, y2!),
        };
      }),
    )
    .filter((box) => box.right > box.left || box.bottom > box.top);
  const left = Math.min(...drawn.map((box) => box.left)) - margin;
  const top = Math.min(...drawn.map((box) => box.top)) - margin;
  const width = Math.max(...drawn.map((box) => box.right)) + margin - left;
  const height = Math.max(...drawn.map((box) => box.bottom)) + margin - top;
  svg.setAttribute('viewBox', [left, top, width, height].map((value) => Math.round(value * 100) / 100).join(' '));
  svg.style.maxWidth = `${Math.ceil(width)}px`;
  // Mermaid's stylesheet styles every kind of diagram it draws (some 190 rules, 15 KB): only the
  // rules that style something in this drawing ship (keyframes and the like stay as they are).
  const style = svg.querySelector('style');
  if (style?.sheet) {
    const used = Array.from(style.sheet.cssRules).filter(
      (rule) =>
        !(rule instanceof CSSStyleRule) || svg.matches(rule.selectorText) || svg.querySelector(rule.selectorText),
    );
    style.textContent = used.map((rule) => rule.cssText).join('');
  }
}

/** Runs in the build's browser before `fitDiagram`: puts each drawing in the page, in its own `<div class>`. */
export function placeDiagrams({ svgs, className }: { svgs: string[]; className: string }): void {
  for (const svg of svgs) {
    const holder = document.createElement('div');
    holder.className = className;
    holder.innerHTML = svg;
    document.body.append(holder);
  }
}
