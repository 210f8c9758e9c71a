import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { KEY_LENGTH, writeFileAtomic } from './cache.ts';
import { displayPath } from './paths.ts';

/** Names of the files the store keeps: a content key and an extension. */
const ENTRY = new RegExp(`^[0-9a-f]{${KEY_LENGTH}}\\.(json|png)$`);

/**
 * What the build rendered with a browser (diagrams, the social image), kept beside the slides under
 * the hash of their inputs and committed with them: a fresh clone finds every render its unchanged
 * deck needs and launches no browser. Only a changed input is rendered again; the build names each
 * file it wrote, and after a full build removes the renders nothing uses any more.
 */
export class RenderStore {
  readonly dir: string;
  /** The files this build read or wrote. */
  private readonly used = new Set<string>();
  private readonly log: (line: string) => void;

  constructor(dir: string, log: (line: string) => void = (line) => console.info(line)) {
    this.dir = dir;
    this.log = log;
  }

  /** The stored render `name` (`<key>.json`), or undefined if it must be rendered. */
  async read(name: string): Promise<Buffer | undefined> {
    this.used.add(name);
    return readFile(join(this.dir, name)).catch(() => undefined);
  }

  /** Stores a fresh render; `what` says in the log what it is a render of. */
  async write(name: string, data: string | Uint8Array, what: string): Promise<void> {
    this.used.add(name);
    await mkdir(this.dir, { recursive: true });
    await writeFileAtomic(join(this.dir, name), data);
    this.log(`deck: rendered ${what} → ${displayPath(join(this.dir, name))} (commit it with the slides)`);
  }

  /** Removes the stored renders this build did not use (after a full build only: it used them all). */
  async prune(): Promise<void> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const stale = names.filter((name) => ENTRY.test(name) && !this.used.has(name));
    await Promise.all(stale.map((name) => rm(join(this.dir, name), { force: true })));
    if (stale.length > 0) {
      this.log(`deck: removed ${stale.length} render(s) no slide uses any more from ${displayPath(this.dir)}`);
    }
  }
}
