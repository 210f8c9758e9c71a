import type { Mermaid, MermaidConfig } from 'mermaid';

/** What the drawing page's Mermaid script defines. */
declare global {
  var mermaid: Mermaid;
}

export interface DrawRequest {
  /** The id of the drawing's root element (Mermaid scopes its styles under it). */
  id: string;
  text: string;
  config: MermaidConfig;
}

/**
 * Runs in the build's browser, in a page with Mermaid loaded (see `src/node/mermaid/render.ts`):
 * draws one diagram and returns its SVG, serialised as an HTML parser reads it, or Mermaid's error. One diagram per
 * call, so the caller can hold each to its own time limit. Self-contained and with no named inner
 * functions: it is handed to the page as source text.
 */
export async function drawDiagram({ id, text, config }: DrawRequest): Promise<{ svg: string } | { error: string }> {
  await Promise.all(Array.from(document.fonts, (font) => font.load()));
  const container = document.createElement('div');
  container.ariaHidden = 'true';
  container.style.maxHeight = '0';
  container.style.opacity = '0';
  container.style.overflow = 'hidden';
  document.body.append(container);
  try {
    globalThis.mermaid.initialize(config);
    const { svg } = await globalThis.mermaid.render(id, text, container);
    const [element] = new DOMParser().parseFromString(svg, 'text/html').getElementsByTagName('svg');
    return { svg: new XMLSerializer().serializeToString(element!) };
  } catch (error) {
    // Mermaid's own message ("Parse error on line 5: …"), not the page's wrapping of it.
    return { error: error instanceof Error ? error.message : String(error) };
  } finally {
    container.remove();
  }
}
