import { displayPath, DIST_DIR, SLIDES_DIR } from '../paths.ts';
import { buildSite } from '../export/site.ts';
import { runCommand, type CommandOption, type CommandSpec } from './command.ts';

const BUILD_COMMAND = {
  name: 'build',
  usage: 'npm run build --',
  summary: `Builds the deck in ${SLIDES_DIR}/ into a static site to host, in ${DIST_DIR}/.`,
  options: {},
} as const satisfies CommandSpec<Record<string, CommandOption>>;

runCommand(import.meta.url, BUILD_COMMAND, async () => {
  const ms = await buildSite({ logLevel: 'info' });
  console.info(
    `build: wrote the site to ${displayPath(DIST_DIR)}/ in ${(ms / 1000).toFixed(1)} s; try it with npm run preview, host the folder as it is`,
  );
});
