import { createHash } from 'node:crypto';
import { rename, writeFile } from 'node:fs/promises';

/** Length of a content key: 64 bits of SHA-256, plenty for the few hundred files a deck caches. */
export const KEY_LENGTH = 16;

/**
 * The key a cached file is named by: a hash of every input that shapes it, so a changed input gets
 * a new file and an unchanged one finds the old. Parts are length-prefixed: `('ab', 'c')` and
 * `('a', 'bc')` differ.
 */
export function contentKey(...parts: readonly (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(`${part.length}:`).update(part);
  return hash.digest('hex').slice(0, KEY_LENGTH);
}

/**
 * Writes a file so that no reader ever sees it half-written: builds running side by side (tests,
 * the benchmark) share the caches.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, path);
}
