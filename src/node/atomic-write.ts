import { rename, writeFile } from 'node:fs/promises';

/**
 * Writes a file so that no reader ever sees it half-written: builds running side by side (tests,
 * the benchmark) share the caches.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, path);
}
