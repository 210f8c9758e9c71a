import { displayPath, DIST_DIR } from '../paths.ts';
import { serveStatic } from '../serve.ts';
import { positiveNumber, runCommand, type CommandOption, type CommandSpec } from './command.ts';

const SERVE_COMMAND = {
  name: 'serve',
  usage: 'node scripts/run-command.mjs serve',
  summary: 'Serves a built deck on 127.0.0.1, gzipped, until stopped.',
  options: {
    dir: { type: 'string', value: 'folder', default: DIST_DIR, description: 'the built site to serve' },
    base: { type: 'string', value: 'path', default: '/', description: 'the path it is served under' },
    port: { type: 'string', value: 'port', default: '4321', description: 'the port (0: any free one)' },
  },
} as const satisfies CommandSpec<Record<string, CommandOption>>;

runCommand(import.meta.url, SERVE_COMMAND, async (values) => {
  const port = values.port === '0' ? 0 : positiveNumber('port', values.port);
  const server = await serveStatic({ dir: values.dir, base: values.base, port });
  console.info(`serve: serving ${displayPath(values.dir)}/ at ${server.url}`);
});
