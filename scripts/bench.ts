import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser, waitForDeckReady } from '../src/node/browser.ts';
import { parseDeck, readDeckSource, type ParsedDeck, type RenderedDeck } from '../src/node/deck/pipeline.ts';
import { displayPath, SLIDES_DIR } from '../src/node/paths.ts';
import { findMermaidFences } from '../src/node/deck/markdown.ts';
import { MERMAID_RUNTIME_FILE } from '../src/node/mermaid/config.ts';
import { SETTINGS_FILE, type DeckSlide } from '../src/node/deck/slides.ts';
import { SHOWN_MARK } from '../src/shared/readiness.ts';
import { positiveNumber, runCommand, type CommandOption, type CommandSpec } from '../src/node/cli/command.ts';
import { serveStatic } from '../src/node/serve.ts';
import { isBuildFresh } from '../src/node/export/freshness.ts';
import { buildSite } from '../src/node/export/site.ts';
import { measureLiveLatency } from './live-latency.ts';
import { measureRemoteLatency } from './remote-latency.ts';

const BENCH_COMMAND = {
  name: 'bench',
  usage: 'npm run bench --',
  summary: 'Builds the deck and measures build, load and export; prints a table and writes the figures as JSON.',
  options: {
    runs: { type: 'string', value: 'n', default: '5', description: 'runs per measure (medians are reported)' },
    out: { type: 'string', value: 'file', default: 'bench-results.json', description: 'where to write the figures' },
  },
} as const satisfies CommandSpec<Record<string, CommandOption>>;

const root = process.cwd();
/** Mermaid's accessible title line: a copy of a diagram is made distinct by changing it. */
const ACC_TITLE_LINE = /^(\s*accTitle\s*:.*)$/m;

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** Builds a deck and reports how long it took and how many drawings were rendered (not cached). */
async function timedBuild(
  slidesDir: string,
  outDir: string,
  cacheDir: string,
): Promise<{ ms: number; rendered: number }> {
  let deck: RenderedDeck | undefined;
  // Renders go to the scratch cache, not the slides' committed ones: a cold build renders everything.
  const ms = await buildSite({ slidesDir, outDir, cacheDir, renderedDir: cacheDir, onDeck: (d) => (deck = d) });
  return { ms, rendered: deck?.drawingsRendered ?? -1 };
}

/**
 * A large deck from the deck's own slides: 100 slides, every fifth a distinct copy of its first
 * diagram slide (if it has one), the others copies of its first content slide.
 */
async function writeScaleDeck(deck: ParsedDeck, diagramSlide: DeckSlide | undefined, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await cp(join(root, SLIDES_DIR, SETTINGS_FILE), join(dir, SETTINGS_FILE));
  const contentSlide = deck.slides.find((slide) => slide.data.kind === 'content' && slide !== diagramSlide);
  const diagram = diagramSlide && (await readFile(join(root, diagramSlide.file), 'utf8'));
  const content = await readFile(join(root, (contentSlide ?? deck.slides[0]!).file), 'utf8');
  for (let n = 1; n <= 100; n++) {
    const name = String(n).padStart(3, '0');
    const text = diagram && n % 5 === 0 ? diagram.replace(ACC_TITLE_LINE, `$1 (copy ${n})`) : content;
    await writeFile(join(dir, `${name}-s${name}.md`), text.replace(/^id: .*$/m, `id: s${name}`));
  }
}

interface PageFigures {
  requests: number;
  bytes: number;
  fcp: number;
  readyMs: number;
}

/**
 * Opens the built deck served with gzip and measures what it took to show the first screen: the
 * requests sent before the deck marked it shown (the rest of its fonts and styles come after), and
 * their bytes.
 */
async function measurePage(dir: string, hash: string): Promise<PageFigures> {
  const server = await serveStatic({ dir });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const client = await page.context().newCDPSession(page);
    await client.send('Network.enable');
    await client.send('Network.setCacheDisabled', { cacheDisabled: true });
    /** When each request was sent, in ms since the epoch, and its bytes once it finished. */
    const sent = new Map<string, { at: number; bytes: number }>();
    client.on('Network.requestWillBeSent', (event) =>
      sent.set(event.requestId, { at: event.wallTime * 1000, bytes: 0 }),
    );
    client.on('Network.loadingFinished', (event) => {
      const request = sent.get(event.requestId);
      if (request) request.bytes = event.encodedDataLength;
    });
    await page.goto(`${server.url}${hash}`);
    await waitForDeckReady(page);
    const marks = await page.evaluate((shownMark) => {
      const paint = performance.getEntriesByName('first-contentful-paint')[0];
      const shown = performance.getEntriesByName(shownMark)[0];
      return {
        fcp: paint ? paint.startTime : NaN,
        shownMs: shown ? shown.startTime : NaN,
        shownAt: shown ? performance.timeOrigin + shown.startTime : NaN,
      };
    }, SHOWN_MARK);
    const before = [...sent.values()].filter((request) => request.at <= marks.shownAt);
    const bytes = before.reduce((sum, request) => sum + request.bytes, 0);
    return { requests: before.length, bytes, fcp: marks.fcp, readyMs: marks.shownMs };
  } finally {
    await browser.close();
    await server.close();
  }
}

async function bench(runs: number, out: string): Promise<void> {
  const deck = parseDeck(await readDeckSource(root));
  const diagramSlide = deck.slides.find((slide) => findMermaidFences(slide).length > 0);
  /** Deep links measured against the first slide: the first slide with a diagram, else the last slide. */
  const deepSlide = diagramSlide ?? deck.slides.at(-1)!;
  const work = await mkdtemp(join(tmpdir(), 'deck-bench-'));
  try {
    console.info(`bench: ${runs} runs each; scratch in ${work}`);
    const dist = join(work, 'site');
    const cold: number[] = [];
    const cached: number[] = [];
    const cachedRendered: number[] = [];
    for (let i = 0; i < runs; i++) {
      const cacheDir = join(work, `cache-${i}`);
      cold.push((await timedBuild(SLIDES_DIR, dist, cacheDir)).ms);
      const again = await timedBuild(SLIDES_DIR, dist, cacheDir);
      cached.push(again.ms);
      cachedRendered.push(again.rendered);
      process.stdout.write(`  build run ${i + 1}/${runs}\n`);
    }
    const distFiles = await files(dist);
    const distBytes = (await Promise.all(distFiles.map((f) => stat(f)))).reduce((sum, s) => sum + s.size, 0);
    const jsGzip = (await Promise.all(distFiles.filter((f) => f.endsWith('.js')).map((f) => readFile(f)))).reduce(
      (sum, b) => sum + gzipSync(b).length,
      0,
    );
    const mermaidChunks = distFiles.filter((f) => f.endsWith('.js') && MERMAID_RUNTIME_FILE.test(relative(dist, f)));

    const first: PageFigures[] = [];
    const timeline: PageFigures[] = [];
    for (let i = 0; i < runs; i++) {
      // Alternate which goes first, so neither always meets a colder machine.
      if (i % 2 === 0) {
        first.push(await measurePage(dist, ''));
        timeline.push(await measurePage(dist, `#/${deepSlide.id}`));
      } else {
        timeline.push(await measurePage(dist, `#/${deepSlide.id}`));
        first.push(await measurePage(dist, ''));
      }
      process.stdout.write(`  page run ${i + 1}/${runs}\n`);
    }

    // The whole `npm run export:pdf`, `export:handout` and `export:pptx` commands, as a user runs them, on an already built deck.
    if (!(await isBuildFresh())) await buildSite();
    const pdfOut = join(work, 'deck.pdf');
    const handoutOut = join(work, 'handout.pdf');
    const pptxOut = join(work, 'deck.pptx');
    const timeCommand = (script: string, out: string): number => {
      const started = performance.now();
      const result = spawnSync('npm', ['run', '--silent', script, '--', '--out', out], { encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`${script} failed:\n${result.stdout}${result.stderr}`);
      return performance.now() - started;
    };
    const pdfTimes: number[] = [];
    const handoutTimes: number[] = [];
    const pptxTimes: number[] = [];
    for (let i = 0; i < runs; i++) {
      pdfTimes.push(timeCommand('export:pdf', pdfOut));
      handoutTimes.push(timeCommand('export:handout', handoutOut));
      pptxTimes.push(timeCommand('export:pptx', pptxOut));
      process.stdout.write(`  pdf, handout and pptx run ${i + 1}/${runs}\n`);
    }
    const pdfBytes = (await stat(pdfOut)).size;
    const handoutBytes = (await stat(handoutOut)).size;
    const pptxBytes = (await stat(pptxOut)).size;

    const scaleSlides = join(work, 'scale-slides');
    await writeScaleDeck(deck, diagramSlide, scaleSlides);
    const scaleCache = join(work, 'scale-cache');
    const scaleSite = join(work, 'scale-site');
    const scaleCold = await timedBuild(scaleSlides, scaleSite, scaleCache);
    const oneSlide = join(scaleSlides, '010-s010.md');
    await writeFile(oneSlide, (await readFile(oneSlide, 'utf8')).replace('(copy 10)', '(copy 10, edited)'));
    const scaleEdit = await timedBuild(scaleSlides, scaleSite, scaleCache);
    const scaleFirst = await measurePage(scaleSite, '');

    process.stdout.write('  live latency: 50 followers on a local Mosquitto\n');
    const live = await measureLiveLatency({ followers: 50, verifying: 50, changes: 50 });
    process.stdout.write('  live at scale: 1,000 followers (50 verifying) on a local Mosquitto\n');
    const hall = await measureLiveLatency({ followers: 1000, verifying: 50, changes: 30 });
    process.stdout.write('  phone remote: 50 presses from a phone page to the deck\n');
    const remote = await measureRemoteLatency(50);

    const results = {
      date: new Date().toISOString(),
      machine: `${process.platform} ${process.arch}, node ${process.version}`,
      runs,
      coldBuildMs: median(cold),
      cachedBuildMs: median(cached),
      cachedBuildDrawingsRendered: Math.max(...cachedRendered),
      distBytes,
      distJsGzipBytes: jsGzip,
      distMermaidChunks: mermaidChunks.length,
      firstSlideRequests: median(first.map((f) => f.requests)),
      firstSlideBytes: median(first.map((f) => f.bytes)),
      firstContentfulPaintMs: median(first.map((f) => f.fcp)),
      firstSlideReadyMs: median(first.map((f) => f.readyMs)),
      timelineDeepLinkReadyMs: median(timeline.map((f) => f.readyMs)),
      timelineToFirstSlideRatio: median(timeline.map((f) => f.readyMs)) / median(first.map((f) => f.readyMs)),
      pdfExportCommandMs: median(pdfTimes),
      pdfBytes,
      handoutCommandMs: median(handoutTimes),
      handoutBytes,
      pptxCommandMs: median(pptxTimes),
      pptxBytes,
      scaleColdBuildMs: scaleCold.ms,
      scaleDrawingsRendered: scaleCold.rendered,
      scaleEditOneDiagramDrawingsRendered: scaleEdit.rendered,
      scaleFirstSlideBytes: scaleFirst.bytes,
      scaleFirstSlideRequests: scaleFirst.requests,
      liveLatency: live,
      liveHall: hall,
      remoteLatency: remote,
    };
    await writeFile(out, `${JSON.stringify(results, null, 2)}\n`);
    const kib = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;
    const ms = (n: number): string => `${Math.round(n)} ms`;
    console.table({
      'cold build': ms(results.coldBuildMs),
      'cached rebuild': `${ms(results.cachedBuildMs)} (${results.cachedBuildDrawingsRendered} drawings rendered)`,
      'dist/ size': kib(results.distBytes),
      'gzipped JS in dist/': kib(results.distJsGzipBytes),
      'Mermaid chunks in dist/': results.distMermaidChunks,
      'first slide: requests': results.firstSlideRequests,
      'first slide: transferred (gzip)': kib(results.firstSlideBytes),
      'first contentful paint': ms(results.firstContentfulPaintMs),
      'first slide ready': ms(results.firstSlideReadyMs),
      [`deep link #/${deepSlide.id} ready`]: `${ms(results.timelineDeepLinkReadyMs)} (×${results.timelineToFirstSlideRatio.toFixed(2)})`,
      'npm run export:pdf (built deck)': ms(results.pdfExportCommandMs),
      'PDF size': kib(results.pdfBytes),
      'npm run export:handout (built deck)': `${ms(results.handoutCommandMs)} (×${(results.handoutCommandMs / results.pdfExportCommandMs).toFixed(2)} the PDF's; target ≤ ×1.5)`,
      'handout size': kib(results.handoutBytes),
      'npm run export:pptx (built deck)': `${ms(results.pptxCommandMs)} (×${(results.pptxCommandMs / results.pdfExportCommandMs).toFixed(2)} the PDF's; target ≤ ×1)`,
      'PPTX size': kib(results.pptxBytes),
      '100 slides / 20 diagrams: cold build': `${ms(results.scaleColdBuildMs)} (${results.scaleDrawingsRendered} drawings rendered)`,
      '100 slides: edit one diagram': `${results.scaleEditOneDiagramDrawingsRendered} drawings rendered`,
      '100 slides: first slide transferred': `${kib(results.scaleFirstSlideBytes)} in ${results.scaleFirstSlideRequests} requests`,
      [`live: ${live.changes} changes to ${live.followers} followers, median / p95`]: `${ms(live.medianMs)} / ${ms(live.p95Ms)} (target p95 ≤ 150 ms)`,
      [`live: ${hall.followers} followers (${hall.verifying} verifying), last receipt median / p95`]: `${ms(hall.medianMs)} / ${ms(hall.p95Ms)} over ${hall.delivered} of ${hall.changes} changes (target p95 ≤ 250 ms)`,
      'live: the broker with 1,000 followers':
        hall.brokerRssKiB === undefined
          ? 'n/a (not Mosquitto)'
          : `${(hall.brokerRssKiB / 1024).toFixed(1)} MiB resident, ${hall.brokerCpuPercent!.toFixed(0)} % of a core while publishing`,
      [`phone remote: ${remote.commands} presses to the deck's move, median / p95`]: `${ms(remote.medianMs)} / ${ms(remote.p95Ms)} (target p95 ≤ 150 ms)`,
    });
    console.info(`bench: results written to ${displayPath(out)}`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

runCommand(import.meta.url, BENCH_COMMAND, (values) => bench(positiveNumber('runs', values.runs), resolve(values.out)));
