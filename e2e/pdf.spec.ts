import { readFile, readdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { readOutline } from '../src/node/export/pdf-document.ts';
import { exportPdf } from '../src/node/export/pdf.ts';
import { exportPptx } from '../src/node/export/pptx.ts';
import { READY_SELECTOR } from '../src/shared/readiness.ts';
import { DIST_DIR } from '../src/node/paths.ts';
import { serveStatic } from '../src/node/serve.ts';
import { deckCopy } from './support/deck-copy.ts';
import { diagramsOf, expect, slideWithList, source, stepIndices, test } from './support/fixtures.ts';
import { pagesText, pdfFonts, pdfInfo, unfitFonts } from './support/pdf-reader.ts';

// Each export starts its own browser; two at once is what the machine's two cores allow.
test.describe.configure({ mode: 'parallel' });

let work: string;
test.beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'deck-pdf-'));
});
test.afterAll(() => rm(work, { recursive: true, force: true }));

/** The built site in memory, `head` added to its page and `extra` files beside it: a deck someone changed. */
async function builtSiteWith(head: string, extra: Record<string, string>): Promise<Map<string, Uint8Array | string>> {
  const files = new Map<string, Uint8Array | string>();
  for (const entry of await readdir(DIST_DIR, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(DIST_DIR, path).split(sep).join('/'), await readFile(path));
  }
  for (const [name, text] of Object.entries(extra)) files.set(name, text);
  files.set('index.html', String(files.get('index.html')).replace('</head>', `${head}\n</head>`));
  return files;
}

const DATES = /\/(CreationDate|ModDate) \([^)]*\)/g;

test('the PDF has one exact 16:9 page per slide, its text, outline, tags, fonts and metadata', async ({ baseURL }) => {
  const out = join(work, 'deck.pdf');
  const result = await exportPdf({ url: baseURL!, out });
  const headings = source.slides.map((slide) => slide.heading);
  expect(result.check.pages).toBe(source.slides.length);

  const info = await pdfInfo(out);
  expect(info.pages).toBe(source.slides.length);
  expect(info.width / info.height).toBeCloseTo(source.settings.width / source.settings.height, 5);
  expect(info.width).toBeCloseTo((source.settings.width * 72) / 96, 2);
  expect(info).toMatchObject({
    tagged: true,
    title: source.settings.title,
    subject: source.settings.description,
    author: source.settings.author,
  });

  const pages = await pagesText(out);
  for (const [index, heading] of headings.entries()) expect(pages[index], `page ${index + 1}`).toContain(heading);
  expect(await readOutline(await readFile(out))).toEqual(headings);
  // Every diagram is a tagged figure whose Alt text gives its name and description.
  const pdf = await readFile(out, 'latin1');
  for (const slide of source.slides) {
    for (const diagram of diagramsOf(slide.id)) {
      expect(pdf, slide.file).toContain(`/Alt (${diagram.title}. ${diagram.description})`);
    }
  }
  expect((await pdfFonts(out)).length).toBeGreaterThan(0);
  expect(await unfitFonts(out)).toEqual([]);
});

test('two exports are identical apart from their dates', async ({ baseURL }) => {
  const [a, b] = [join(work, 'a.pdf'), join(work, 'b.pdf')];
  await exportPdf({ url: baseURL!, out: a });
  await exportPdf({ url: baseURL!, out: b });
  const [first, second] = await Promise.all([readFile(a, 'latin1'), readFile(b, 'latin1')]);
  expect(first.match(DATES)).toHaveLength(2);
  expect(second.replace(DATES, '')).toBe(first.replace(DATES, ''));
});

/** Steps of each slide of the deck at `url` (distinct fragment indices), as the print view counts them. */
async function stepsPerSlide(context: BrowserContext, url: string): Promise<number[]> {
  const page = await context.newPage();
  try {
    await page.goto(url);
    await expect(page.locator(READY_SELECTOR)).toBeAttached();
    const sections = await page.locator('.reveal .slides > section').all();
    return await Promise.all(sections.map(async (section) => (await stepIndices(section)).length));
  } finally {
    await page.close();
  }
}

test('--fragments separate prints one page per step, list items and diagram parts alike', async ({ context }) => {
  const listed = slideWithList();
  const fixture = await deckCopy({
    slide: listed,
    change: (text) => text.replace('title:', 'fragments: true\ntitle:'),
  });
  try {
    const out = join(fixture.outDir, 'fragments.pdf');
    const together = await exportPdf({ url: fixture.server.url, out });
    const separate = await exportPdf({ url: fixture.server.url, out, separateFragments: true });
    const steps = await stepsPerSlide(context, fixture.server.url);
    const items = listed.body.split('\n').filter((line) => line.startsWith('- ')).length;
    expect(steps[fixture.deck.slides.findIndex((slide) => slide.id === listed.id)]).toBe(items);
    // Each diagram with steps unfolds too (its first part shows with the slide).
    const unfolding = fixture.deck.slides.filter((slide) => /^```mermaid steps$/m.test(slide.body));
    for (const slide of unfolding) {
      expect(steps[fixture.deck.slides.indexOf(slide)], slide.id).toBeGreaterThan(0);
    }
    expect(together.check.pages).toBe(fixture.deck.slides.length);
    // A slide with N steps prints N + 1 pages: as it opens, then one after each step.
    expect(separate.check.pages).toBe(steps.reduce((pages, count) => pages + count + 1, 0));
  } finally {
    await fixture.close();
  }
});

test(
  'a slide that does not fit its page stops the export, naming the slide and the pixels',
  { tag: '@one-deck' },
  async () => {
    const listed = slideWithList();
    const fixture = await deckCopy({
      slide: listed,
      change: (text) => text.replace('Notes:', `${'- A point too many.\n'.repeat(14)}\nNotes:`),
    });
    try {
      const out = join(fixture.outDir, 'overflow.pdf');
      await expect(exportPdf({ url: fixture.server.url, out })).rejects.toThrow(
        new RegExp(
          `PDF not written: a slide does not fit its page\\.\\nslide "${listed.id}" \\(.*\\) overflows the slide by \\d+ px vertically`,
        ),
      );
      await expect(readFile(out)).rejects.toThrow(/ENOENT/);
    } finally {
      await fixture.close();
    }
  },
);

test(
  'a theme that sets text under 0.8× the body text stops the export, naming the slide and the text',
  { tag: '@one-deck' },
  async () => {
    const listed = slideWithList();
    const out = join(work, 'small.pdf');
    // A theme edit, as a deck's author would make one: the lists' text shrunk past the rule, in a
    // stylesheet of its own that the built page links.
    const files = await builtSiteWith('<link rel="stylesheet" href="./small-lists.css">', {
      'small-lists.css': '.reveal .slide-content li { font-size: 0.6em }',
    });
    const themed = await serveStatic({ files });
    try {
      await expect(exportPdf({ url: themed.url, out })).rejects.toThrow(
        new RegExp(
          `PDF not written: text too small to read from the back of the room\\.\\n(.*\\n)*slide "${listed.id}" \\(.*\\) has text at 0\\.60× the body text .*: li `,
        ),
      );
    } finally {
      await themed.close();
    }
    await expect(readFile(out)).rejects.toThrow(/ENOENT/);
  },
);

test(
  'the hosted deck offers its PDF, handout and PowerPoint file on the last slide only when they were built',
  { tag: '@one-deck' },
  async ({ page, baseURL, guards }) => {
    await page.goto(`${baseURL}#/${source.slides.at(-1)!.id}`);
    await expect(page.locator(READY_SELECTOR)).toBeAttached();
    await expect(page.getByRole('link', { name: /^Download/ })).toHaveCount(0);

    const { slug } = source.settings;
    const downloads = { pdf: `${slug}.pdf`, handout: `${slug}-handout.pdf`, pptx: `${slug}.pptx` };
    const fixture = await deckCopy(undefined, { downloads });
    // The copy, served on a port of its own, is the deck too.
    guards.origins.add(new URL(fixture.server.url).origin);
    try {
      await exportPdf({ url: fixture.server.url, out: join(fixture.outDir, downloads.pdf) });
      await exportPdf({
        url: fixture.server.url,
        out: join(fixture.outDir, downloads.handout),
        handout: { paper: 'a4', perPage: 1 },
      });
      await exportPptx({
        siteDir: fixture.outDir,
        out: join(fixture.outDir, downloads.pptx),
        settings: source.settings,
      });
      await page.goto(`${fixture.server.url}#/${source.slides.at(-1)!.id}`);
      const types = {
        'Download PDF': 'application/pdf',
        'Download handout': 'application/pdf',
        'Download PPTX': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      };
      for (const [name, type] of Object.entries(types)) {
        const link = page.locator('section.present').getByRole('link', { name });
        await expect(link).toBeVisible();
        const response = await page.request.get(new URL((await link.getAttribute('href'))!, fixture.server.url).href);
        expect(response.status(), name).toBe(200);
        expect(response.headers()['content-type'], name).toBe(type);
      }
    } finally {
      await fixture.close();
    }
  },
);

test('an export that runs out of time says so and where it was', { tag: '@one-deck' }, async ({ baseURL }) => {
  await expect(exportPdf({ url: baseURL!, out: join(work, 'late.pdf'), timeoutMs: 50 })).rejects.toThrow(
    /^PDF export timed out after 0.05 s while (starting the browser|opening|waiting)/,
  );
});

test(
  'a deck URL that answers with an error status stops the export at once, naming the status',
  { tag: '@one-deck' },
  async ({ baseURL }) => {
    const missing = new URL('no-such-deck/', baseURL).href;
    await expect(exportPdf({ url: missing, out: join(work, 'missing.pdf') })).rejects.toThrow(
      `the deck at ${missing} answered 404 Not Found`,
    );
  },
);

test(
  'a deck that reports an error as it is laid out for print (a missing file) is not printed, and the error is named',
  { tag: '@one-deck' },
  async () => {
    const out = join(work, 'broken.pdf');
    const broken = await serveStatic({ files: await builtSiteWith('<link rel="stylesheet" href="./gone.css">', {}) });
    try {
      await expect(exportPdf({ url: broken.url, out })).rejects.toThrow(
        /^PDF not written: the deck reported errors while it was printed:\n.*404.*gone\.css/,
      );
    } finally {
      await broken.close();
    }
    await expect(readFile(out)).rejects.toThrow(/ENOENT/);
  },
);
