import { stripVTControlCharacters } from 'node:util';
import type { ViteDevServer } from 'vite';
import { DeckError } from '../errors.ts';
import { escapeHtml } from '../html.ts';

/** What Vite's error overlay shows. */
export interface OverlayError {
  message: string;
  stack: string;
  plugin: string;
  id?: string;
  loc?: { file: string; line: number; column: number };
}

/**
 * Reports the deck's errors in the dev server: in Vite's overlay of every open tab each time, on
 * the terminal once (every tab reloads on a change and asks again), and again after a good read.
 */
export class DevErrorReporter {
  #shown: string | undefined;
  readonly #server: ViteDevServer;

  constructor(server: ViteDevServer) {
    this.#server = server;
  }

  report(error: unknown): OverlayError {
    const err = overlayError(error);
    if (err.message !== this.#shown) this.#server.config.logger.error(`deck: ${err.message}`, { timestamp: true });
    this.#shown = err.message;
    this.#server.ws.send({ type: 'error', err });
    return err;
  }

  /** The deck read well: its next error is news. */
  clear(): void {
    this.#shown = undefined;
  }
}

/**
 * The error as a slide, and as Vite's overlay: a tab that reloads after the error was sent has
 * missed the server's message, so the page raises the overlay itself.
 */
export function errorSlide(err: OverlayError): string {
  const payload = JSON.stringify(err).replaceAll('<', '\\u003c');
  return [
    `<section data-deck-error><h2>The deck has an error</h2><pre class="deck-error">${escapeHtml(err.message)}</pre></section>`,
    // Vite's client replaces its own overlay when the server's message does arrive: one overlay either way.
    `<script type="module">import { ErrorOverlay } from '/@vite/client'; if (!document.querySelector('vite-error-overlay')) document.body.append(new ErrorOverlay(${payload}));</script>`,
  ].join('\n');
}

function overlayError(error: unknown): OverlayError {
  // Plain text: terminal colour codes (a parser's message may carry them) mean nothing in a page.
  const message = stripVTControlCharacters(error instanceof Error ? error.message : String(error));
  if (error instanceof DeckError) {
    return {
      message,
      stack: '',
      plugin: 'deck',
      id: error.file,
      loc: { file: error.file, line: error.line, column: error.column ?? 1 },
    };
  }
  return { message, stack: error instanceof Error ? (error.stack ?? '') : '', plugin: 'deck' };
}
