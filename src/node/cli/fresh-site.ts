import { DIST_DIR } from '../paths.ts';
import { changedSettings, readBuildManifest, rebuildEnvironment } from '../export/build-manifest.ts';
import { isBuildFresh } from '../export/freshness.ts';

/**
 * Makes sure `dist/` is the deck as the sources and the environment say, before a command exports
 * it: built again when it is missing, older than the sources, or built without settings now set,
 * with the settings of the last build kept (a site built with DECK_URL keeps its QR code and
 * preview tags). `command` names who says so.
 */
export async function ensureFreshSite(command: string): Promise<void> {
  const recorded = await readBuildManifest(DIST_DIR);
  const changed = changedSettings(recorded, process.env);
  const fresh = await isBuildFresh();
  if (fresh && changed.length === 0) return;
  console.info(
    fresh
      ? `${command}: ${DIST_DIR}/ was built without ${changed.join(' ')}; building the site`
      : `${command}: ${DIST_DIR}/ is missing or older than the sources; building the site`,
  );
  const { env, reused } = rebuildEnvironment(recorded, process.env);
  const settings = Object.entries(reused).map(([name, value]) => `${name}=${value}`);
  if (settings.length > 0) console.info(`${command}: with the settings of the last build: ${settings.join(' ')}`);
  // Vite is loaded only when a build is due: it is most of the command's start-up time.
  const { buildSite } = await import('../export/site.ts');
  await buildSite({ env });
}
