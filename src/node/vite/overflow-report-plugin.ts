import type { Plugin } from 'vite';
import { OVERFLOW_EVENT } from '../../shared/overflow.ts';

/**
 * Dev server only: the page's overflow banner, on the terminal too; each change once, however many
 * tabs report it.
 */
export function overflowReportPlugin(): Plugin {
  return {
    name: 'deck-overflow-report',
    apply: 'serve',
    configureServer(server) {
      let last = '';
      server.ws.on(OVERFLOW_EVENT, (data: { message?: unknown }) => {
        const message = typeof data.message === 'string' ? data.message : '';
        if (message === last) return;
        if (message) server.config.logger.warn(`deck: ${message}`, { timestamp: true });
        else server.config.logger.info('deck: every slide shown so far fits', { timestamp: true });
        last = message;
      });
    },
  };
}
