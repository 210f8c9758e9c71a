// @ts-check
// Runs one of the deck's commands (src/node/cli/<name>.ts) from JavaScript compiled once, by npm's
// `prepare` after an install or here when a source changed since, instead of compiling TypeScript at
// every start (tsx cost each export 0.4 s). Plain JavaScript: it runs before anything is compiled.
//
//   node scripts/run-command.mjs <command> [options]   compile if stale, then run the command
//   node scripts/run-command.mjs --compile             compile (npm's prepare)
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');
/** The commands there are: each one file in src/node/cli/. */
const COMMANDS = ['build', 'pdf', 'pptx', 'html', 'serve'];
const SOURCE_DIR = resolve(ROOT, 'src/node/cli');
const OUT_DIR = resolve(ROOT, 'node_modules/.cache/deck/commands');
/** Every source file the last compile read, with its modification time: what makes it stale. */
const MANIFEST = resolve(OUT_DIR, 'sources.json');
/** `new URL('./file', import.meta.url)` in a source: made relative to the compiled file instead. */
const SOURCE_RELATIVE_URL = /new URL\((['"])(\.{1,2}\/[^'"]+)\1,\s*import\.meta\.url\)/g;
/** The same in the compiled code: each must point at a file that is there. */
const RELATIVE_URL_IN_OUTPUT = /new URL\("(\.{1,2}\/[^"]+)",\s*import\.meta\.url\)/g;
/** This script: a change to how it compiles compiles again. */
const SELF = fileURLToPath(import.meta.url);

/** Why the compiled commands are out of date (a source changed or is gone, none were compiled), or undefined. */
function staleSource() {
  let recorded;
  try {
    recorded = JSON.parse(readFileSync(MANIFEST, 'utf8'));
  } catch {
    return 'not compiled yet';
  }
  for (const [file, mtimeMs] of Object.entries(recorded)) {
    let now;
    try {
      now = statSync(resolve(ROOT, file)).mtimeMs;
    } catch {
      return `${file} is gone`;
    }
    if (now !== mtimeMs) return `${file} changed`;
  }
  return undefined;
}

/**
 * Writes a file under a temporary name, then renames it: two commands that compile at once (npm test
 * builds two decks side by side) never run a half-written file.
 */
function writeWhole(path, contents) {
  const temporary = `${path}.tmp-${process.pid}`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

async function compile(reason, { prune = false } = {}) {
  const started = performance.now();
  const compiledSince = Date.now();
  const { build } = await import('esbuild');
  const { readFile } = await import('node:fs/promises');
  const result = await build({
    entryPoints: COMMANDS.map((name) => resolve(SOURCE_DIR, `${name}.ts`)),
    absWorkingDir: ROOT,
    outdir: OUT_DIR,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Packages stay imports, resolved from node_modules as before; only this project's code is bundled.
    packages: 'external',
    chunkNames: '[name]-[hash]',
    metafile: true,
    write: false,
    logLevel: 'warning',
    plugins: [
      {
        name: 'source-relative-urls',
        setup(esbuild) {
          esbuild.onLoad({ filter: /\.ts$/ }, async ({ path }) => ({
            loader: 'ts',
            contents: (await readFile(path, 'utf8')).replace(SOURCE_RELATIVE_URL, (_, quote, file) => {
              const target = relative(OUT_DIR, resolve(dirname(path), file));
              return `new URL(${JSON.stringify(target)}, import.meta.url)`;
            }),
          }));
        },
      },
    ],
  });
  const sources = Object.keys(result.metafile.inputs).filter((file) => !file.includes('node_modules'));
  // A source saved while it compiled is recorded as stale (time 0): the next command compiles again.
  const times = Object.fromEntries(
    [...sources, relative(ROOT, SELF)].map((file) => {
      const { mtimeMs } = statSync(resolve(ROOT, file));
      return [file, mtimeMs < compiledSince ? mtimeMs : 0];
    }),
  );
  for (const { path, text } of result.outputFiles) {
    for (const [, target] of text.matchAll(RELATIVE_URL_IN_OUTPUT)) {
      if (!existsSync(resolve(dirname(path), target))) {
        throw new Error(
          `commands: ${relative(ROOT, path)} points at ${target}, which is not there: a new URL(…, import.meta.url) the compile did not rewrite`,
        );
      }
    }
  }
  const files = [
    ...result.outputFiles.map(({ path, contents }) => ({ path, contents })),
    { path: MANIFEST, contents: `${JSON.stringify(times, null, 2)}\n` },
  ];
  mkdirSync(OUT_DIR, { recursive: true });
  for (const { path, contents } of files) writeWhole(path, contents);
  // Chunks of earlier compiles (their names carry a hash of their content) go at an install only: a
  // command still running may yet load one of them.
  const written = new Set(files.map(({ path }) => path));
  for (const name of prune ? readdirSync(OUT_DIR) : []) {
    if (!written.has(resolve(OUT_DIR, name)) && !name.includes('.tmp-'))
      rmSync(resolve(OUT_DIR, name), { force: true, recursive: true });
  }
  const ms = Math.round(performance.now() - started);
  console.info(
    `commands: compiled ${sources.length} sources into ${relative(process.cwd(), OUT_DIR)}/ in ${ms} ms (${reason})`,
  );
}

const [command] = process.argv.slice(2);
if (command === '--compile') {
  await compile('npm install', { prune: true });
} else if (COMMANDS.includes(command ?? '')) {
  const stale = staleSource();
  if (stale) await compile(stale);
  const entry = resolve(OUT_DIR, `${command}.js`);
  // The command runs when it is the script Node was started with (runCommand): it is, in all but name.
  process.argv.splice(1, 2, entry);
  await import(pathToFileURL(entry).href);
} else {
  console.error(`run-command: found "${command ?? ''}"; expected --compile or one of ${COMMANDS.join(', ')}`);
  process.exitCode = 2;
}
