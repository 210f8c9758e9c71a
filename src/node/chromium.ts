import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { FAILED_ATTRIBUTE, SETTLED_SELECTOR } from '../shared/readiness.ts';
import { whenSettled } from '../client/readiness.ts';
import { BROWSER_ARGS, BROWSER_START_TIMEOUT_MS, browserStartError, findBrowser } from './browser-finder.ts';
import { withDeadline } from './deadline.ts';

// Chromium driven over the DevTools protocol directly, for the commands that print: Playwright takes
// half a second to load before it can start a browser; this starts one at once, and needs nothing
// but Node. Tests and the build keep Playwright (browser.ts).

/**
 * Flags besides the project's own (`BROWSER_ARGS`): headless, driven over a pipe, no window until a
 * page is asked for, and the colour profile and tagged PDFs Playwright's launch would give.
 */
const PIPE_ARGS = [
  '--headless',
  '--remote-debugging-pipe',
  '--no-startup-window',
  '--hide-scrollbars',
  '--mute-audio',
  '--force-color-profile=srgb',
  '--export-tagged-pdf',
];
/** The lifecycle event of a document parsed and its deferred scripts run: a page's own code runs in it from then on. */
const DOCUMENT_PARSED = 'DOMContentLoaded';
/** How long Chromium may take to close when asked before it is killed. */
const CLOSE_TIMEOUT_MS = 2000;
/** Chromium's own answer to a request for a page that a navigation replaced or that it aborted. */
const ABORTED = 'net::ERR_ABORTED';

interface Message {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  sessionId?: string;
  result?: unknown;
  error?: { message: string };
}

type Listener = (params: Record<string, unknown>, sessionId: string | undefined) => void;

/** A Chromium started for this process, and its DevTools connection; `close()` ends both. */
export class Chromium {
  readonly executable: string;
  private readonly process: ChildProcess;
  private readonly profile: string;
  private readonly pending = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private nextId = 1;
  private exited: Error | undefined;

  /**
   * Starts Chromium now (found as `findBrowser` finds it) and resolves once it answers. No browser
   * found throws at once; one that cannot start rejects; each says, in one line, which it tried and
   * how to choose another.
   */
  static start(): Promise<Chromium> {
    // No browser found throws now, before the caller builds or serves anything.
    return new Chromium(findBrowser()).answering();
  }

  private constructor(executable: string) {
    this.executable = executable;
    this.profile = mkdtempSync(join(tmpdir(), 'deck-chromium-'));
    this.process = spawn(executable, [...BROWSER_ARGS, ...PIPE_ARGS, `--user-data-dir=${this.profile}`], {
      stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'],
    });
    const fail = (error: Error): void => {
      this.exited ??= error;
      for (const { reject } of this.pending.values()) reject(error);
      this.pending.clear();
    };
    this.process.on('error', fail);
    this.process.on('exit', (code, signal) => fail(new Error(`the browser exited (${signal ?? `code ${code}`})`)));
    // Messages end with a NUL; a long one (a printed PDF) comes in many chunks, kept until its end.
    let pieces: Buffer[] = [];
    const output = this.process.stdio[4] as Readable;
    output.on('data', (chunk: Buffer) => {
      let start = 0;
      for (let end = chunk.indexOf(0); end !== -1; end = chunk.indexOf(0, start)) {
        pieces.push(chunk.subarray(start, end));
        this.receive(JSON.parse(Buffer.concat(pieces).toString('utf8')) as Message);
        pieces = [];
        start = end + 1;
      }
      if (start < chunk.length) pieces.push(chunk.subarray(start));
    });
    // A pipe closed by Chromium's exit: the exit says why.
    output.on('error', () => undefined);
    (this.process.stdio[3] as Writable).on('error', () => undefined);
  }

  private async answering(): Promise<Chromium> {
    const limit = BROWSER_START_TIMEOUT_MS;
    try {
      await withDeadline(this.send('Browser.getVersion'), limit, () => `it did not answer within ${limit / 1000} s`);
      return this;
    } catch (error) {
      await this.close();
      throw browserStartError(this.executable, error);
    }
  }

  private receive(message: Message): void {
    if (message.id !== undefined) {
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) waiting?.reject(new Error(message.error.message));
      else waiting?.resolve(message.result);
      return;
    }
    for (const listener of this.listeners.get(message.method ?? '') ?? []) {
      listener(message.params ?? {}, message.sessionId);
    }
  }

  /** Sends a DevTools command (to a page's session, if given) and resolves with its result. */
  send<T = Record<string, unknown>>(method: string, params: object = {}, sessionId?: string): Promise<T> {
    if (this.exited) return Promise.reject(this.exited);
    const id = this.nextId++;
    const sent = new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (result: unknown) => void, reject });
    });
    (this.process.stdio[3] as Writable).write(`${JSON.stringify({ id, method, params, sessionId })}\0`);
    return sent;
  }

  /** Calls `listener` on each event `method`; returns what stops it. */
  on(method: string, listener: Listener): () => void {
    const listeners = this.listeners.get(method) ?? new Set();
    this.listeners.set(method, listeners.add(listener));
    return () => listeners.delete(listener);
  }

  /** Opens a page (a tab of its own), with what it reports recorded. */
  async newPage(): Promise<ChromiumPage> {
    const { targetId } = await this.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await this.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
    const page = new ChromiumPage(this, targetId, sessionId);
    await Promise.all(
      ['Page.enable', 'Runtime.enable', 'Network.enable', 'Log.enable'].map((method) =>
        this.send(method, {}, sessionId),
      ),
    );
    await this.send('Page.setLifecycleEventsEnabled', { enabled: true }, sessionId);
    return page;
  }

  /** Ends the browser (one that does not close when asked is killed) and removes its profile. */
  async close(): Promise<void> {
    if (this.process.exitCode === null && this.process.signalCode === null) {
      const exited = new Promise((resolve) => this.process.once('exit', resolve));
      this.send('Browser.close').catch(() => undefined);
      const kill = setTimeout(() => this.process.kill('SIGKILL'), CLOSE_TIMEOUT_MS);
      await exited;
      clearTimeout(kill);
    }
    // Chromium's helpers may hold the pipes open after it is gone: they must not keep Node running.
    (this.process.stdio[3] as Writable).destroy();
    (this.process.stdio[4] as Readable).destroy();
    await rm(this.profile, { recursive: true, force: true });
  }
}

/** What went wrong in a page while it was open: errors on its console, failed requests. */
export type PageProblems = string[];

/** One page of a `Chromium`: open a URL, wait for the deck, evaluate, print. */
export class ChromiumPage {
  /** Errors the page reported: uncaught, on its console (CSP violations among them), failed requests. */
  readonly problems: PageProblems = [];
  private readonly stops: (() => void)[] = [];
  private readonly documents = new Map<string, { status: number; statusText: string }>();
  /** Rejects when the page crashes or is closed under it: whatever waits on it stops waiting. */
  private readonly gone: Promise<never>;

  private readonly browser: Chromium;
  private readonly targetId: string;
  private readonly sessionId: string;

  constructor(browser: Chromium, targetId: string, sessionId: string) {
    this.browser = browser;
    this.targetId = targetId;
    this.sessionId = sessionId;
    const mine =
      (listener: Listener): Listener =>
      (params, session) => {
        if (session === sessionId) listener(params, session);
      };
    const watch = (method: string, listener: Listener): void => {
      this.stops.push(browser.on(method, mine(listener)));
    };
    watch('Runtime.exceptionThrown', (params) => {
      const details = params.exceptionDetails as { text: string; exception?: { description?: string } };
      this.problems.push(details.exception?.description?.split('\n')[0] ?? details.text);
    });
    watch('Runtime.consoleAPICalled', (params) => {
      if (params.type !== 'error') return;
      // Each argument as the console shows it: a value (strings, numbers) or an object's description.
      const args = params.args as { value?: string | number | boolean; description?: string }[];
      this.problems.push(
        args.map((arg) => (arg.value === undefined ? (arg.description ?? '') : String(arg.value))).join(' '),
      );
    });
    watch('Log.entryAdded', (params) => {
      const entry = params.entry as { level: string; text: string; url?: string };
      if (entry.level === 'error') this.problems.push(entry.url ? `${entry.text} (${entry.url})` : entry.text);
    });
    watch('Network.loadingFailed', (params) => {
      if (params.errorText !== ABORTED) this.problems.push(`a request failed: ${String(params.errorText)}`);
    });
    this.gone = new Promise<never>((_, reject) => {
      watch('Inspector.targetCrashed', () => reject(new Error('the page crashed')));
      this.stops.push(
        browser.on('Target.detachedFromTarget', (params) => {
          if (params.sessionId === sessionId) reject(new Error('the page was closed'));
        }),
      );
    });
    this.gone.catch(() => undefined);
    watch('Network.responseReceived', (params) => {
      const response = params.response as { status: number; statusText: string };
      if (params.type === 'Document') this.documents.set(String(params.loaderId), response);
    });
  }

  private send<T = Record<string, unknown>>(method: string, params: object = {}): Promise<T> {
    return Promise.race([this.browser.send<T>(method, params, this.sessionId), this.gone]);
  }

  /**
   * Opens `url` and resolves with its HTTP status once its document is parsed (its scripts have
   * run; what they load is theirs to wait for); a page that cannot be reached rejects with
   * Chromium's reason (`net::ERR_CONNECTION_REFUSED`).
   */
  async goto(url: string): Promise<{ status: number; statusText: string }> {
    // Loads are told apart by their navigation (loader): one may end before `Page.navigate` answers.
    const loads = new Set<string>();
    let awaited: ((loaderId: string) => void) | undefined;
    const stop = this.browser.on('Page.lifecycleEvent', (params, session) => {
      if (session !== this.sessionId || params.name !== DOCUMENT_PARSED) return;
      loads.add(String(params.loaderId));
      awaited?.(String(params.loaderId));
    });
    try {
      const { errorText, loaderId = '' } = await this.send<{ errorText?: string; loaderId?: string }>('Page.navigate', {
        url,
      });
      if (errorText) throw new Error(errorText);
      if (!loads.has(loaderId)) {
        const parsed = new Promise<void>((resolve) => {
          awaited = (loaded) => loaded === loaderId && resolve();
        });
        await Promise.race([parsed, this.gone]);
      }
      return this.documents.get(loaderId) ?? { status: 0, statusText: '' };
    } finally {
      stop();
    }
  }

  /** Runs `fn(arg)` in the page (a self-contained function: it is sent as its source) and resolves with its result. */
  async evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    const { result, exceptionDetails } = await this.send<{
      result: { value?: R };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    }>('Runtime.evaluate', {
      expression: `(${fn.toString()})(${arg === undefined ? '' : JSON.stringify(arg)})`,
      awaitPromise: true,
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value as R;
  }

  /**
   * Waits until the deck at `url` says it is ready; throws the deck's own reason if it says it cannot
   * be shown. The caller holds the time limit.
   */
  async waitForDeckReady(url: string): Promise<void> {
    const failure = await this.evaluate(whenSettled, { settled: SETTLED_SELECTOR, failed: FAILED_ATTRIBUTE });
    if (failure !== null) throw new Error(`the deck at ${url} cannot be shown: ${failure}`);
  }

  /** Prints the page to a PDF of `width`×`height` CSS pixels a page, no margins, backgrounds and tags in. */
  async pdf({ width, height }: { width: number; height: number }): Promise<Buffer> {
    const { data } = await this.send<{ data: string }>('Page.printToPDF', {
      paperWidth: width / 96,
      paperHeight: height / 96,
      marginTop: 0,
      marginBottom: 0,
      marginLeft: 0,
      marginRight: 0,
      printBackground: true,
      preferCSSPageSize: false,
      generateTaggedPDF: true,
      generateDocumentOutline: false,
    });
    return Buffer.from(data, 'base64');
  }

  /** Closes the page; the browser runs on. */
  async close(): Promise<void> {
    for (const stop of this.stops) stop();
    await this.browser.send('Target.closeTarget', { targetId: this.targetId }).catch(() => undefined);
  }
}
