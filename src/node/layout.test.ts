import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '..');
const RELATIVE_IMPORT = /(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g;
/** Fixtures belong to the folder they sit in. */
const FIXTURES = /\/__fixtures__(\/.*)?$/;

/** Every import from one folder of src/ into another: `from → to → the files that make the edge`. */
async function folderImports(): Promise<Map<string, Map<string, string[]>>> {
  const files = (await readdir(SRC, { recursive: true })).filter((file) => file.endsWith('.ts'));
  const folderOf = (file: string): string => dirname(file).replace(FIXTURES, '');
  const edges = new Map<string, Map<string, string[]>>();
  for (const file of files) {
    const text = await readFile(join(SRC, file), 'utf8');
    for (const [, specifier] of text.matchAll(RELATIVE_IMPORT)) {
      const target = relative(SRC, resolve(SRC, dirname(file), specifier!));
      const [from, to] = [folderOf(file), folderOf(target)];
      if (from === to) continue;
      const out = edges.get(from) ?? new Map<string, string[]>();
      out.set(to, [...(out.get(to) ?? []), file]);
      edges.set(from, out);
    }
  }
  return edges;
}

/** The folder cycles, each as `a → b → a` with the files behind the first edge. */
function cycles(edges: Map<string, Map<string, string[]>>): string[] {
  const found: string[] = [];
  const walk = (path: string[]): void => {
    for (const next of edges.get(path.at(-1)!)?.keys() ?? []) {
      if (next === path[0])
        found.push(
          `${[...path, next].join(' → ')} (${edges
            .get(path[0])!
            .get(path[1] ?? next)!
            .join(', ')})`,
        );
      else if (!path.includes(next) && next > path[0]!) walk([...path, next]);
    }
  };
  for (const start of edges.keys()) walk([start]);
  return found;
}

describe('the layout of src/', () => {
  it('has no folder that imports a folder that imports it back', async () => {
    expect(cycles(await folderImports())).toEqual([]);
  });

  it('lets data flow one way: shared imports nothing, the browser runtime nothing of Node', async () => {
    const edges = await folderImports();
    const targets = (folder: string): string[] => [...(edges.get(folder)?.keys() ?? [])];
    expect(targets('shared')).toEqual([]);
    expect(targets('client')).toEqual(['shared']);
  });

  it('finds a cycle where there is one (the check itself works)', () => {
    const edges = new Map([
      ['a', new Map([['b', ['a/x.ts']]])],
      ['b', new Map([['a', ['b/y.ts']]])],
    ]);
    expect(cycles(edges)).toEqual(['a → b → a (a/x.ts)']);
  });
});
