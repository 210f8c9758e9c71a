import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DIST_DIR, SLIDES_DIR } from '../paths.ts';

/** What a build reads: if any is newer than `dist/index.html`, the site is out of date. */
const BUILD_INPUTS = [SLIDES_DIR, 'src', 'assets', 'index.html', 'package-lock.json'];

async function newestChange(path: string): Promise<number> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path, { recursive: true });
  const times = await Promise.all(entries.map((entry) => stat(join(path, entry)).then((s) => s.mtimeMs)));
  return Math.max(info.mtimeMs, ...times);
}

/** True when `outDir` holds a build newer than every file the build reads. */
export async function isBuildFresh(outDir = DIST_DIR): Promise<boolean> {
  const built = await stat(join(outDir, 'index.html')).catch(() => undefined);
  if (!built) return false;
  const inputs = await Promise.all(BUILD_INPUTS.map(newestChange));
  return built.mtimeMs >= Math.max(...inputs);
}
