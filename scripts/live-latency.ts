import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import {
  importPublicKey,
  liveTopic,
  newKeyPair,
  newSessionId,
  signState,
  verifyMessage,
} from '../src/client/live/protocol.ts';
import { startBroker, tcpClient, type Broker } from '../e2e/support/broker.ts';
import { withDeadline } from '../src/node/deadline.ts';

export interface LiveLoad {
  /** Connections subscribed to the talk. */
  followers: number;
  /** How many of them check each message as a browser does (the others only count it). */
  verifying: number;
  /** Slide changes published, one after another. */
  changes: number;
  /** Longest the whole measure may take: it stops there and reports what it has. */
  timeLimitMs?: number;
}

export interface LiveLatency extends LiveLoad {
  /** Changes that reached every follower within the time limit. */
  delivered: number;
  /** From the presenter's publish to the last follower's receipt (verified, for the verifying ones), per change. */
  medianMs: number;
  p95Ms: number;
  /** The broker's resident memory with everyone connected, and its CPU share while the changes went out. */
  brokerRssKiB?: number;
  brokerCpuPercent?: number;
}

export const quantile = (xs: number[], q: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
};

/** Connections are opened this many at a time, as a hall's phones arrive in waves, not all in one instant. */
const CONNECT_BATCH = 100;
/** The clock ticks per second that /proc/<pid>/stat counts CPU time in (100 on Linux, but asked). */
const clockTicks = (): number => Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

/** A process's resident memory (KiB) and CPU time so far (s), from /proc; undefined off Linux or for Aedes. */
async function processUse(pid: number | undefined): Promise<{ rssKiB: number; cpuS: number } | undefined> {
  if (!pid) return undefined;
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    // Fields 14 and 15 of stat, after the command name in parentheses: user and system time in ticks.
    const stat = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
    const rssKiB = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1]);
    return { rssKiB, cpuS: (Number(stat[11]) + Number(stat[12])) / clockTicks() };
  } catch {
    return undefined;
  }
}

/**
 * Live on a local broker (Mosquitto, on loopback): `followers` connections subscribe to one talk,
 * `verifying` of them checking every message with the browser's own protocol module; the presenter
 * signs and publishes `changes` slide changes one after another, each once the last reached everyone.
 */
export async function measureLiveLatency({
  followers,
  verifying,
  changes,
  timeLimitMs = 120_000,
}: LiveLoad): Promise<LiveLatency> {
  const deadline = Date.now() + timeLimitMs;
  const broker: Broker & { close(): Promise<void> } = await startBroker();
  const clients: ReturnType<typeof tcpClient>[] = [];
  try {
    const { privateKey, publicKey } = await newKeyPair();
    const key = await importPublicKey(publicKey);
    const topic = liveTopic('bench', newSessionId());
    let expected = 0;
    let received = 0;
    let allIn: () => void = () => undefined;
    const arrived = (): void => {
      received += 1;
      if (received === followers) allIn();
    };
    for (let first = 0; first < followers; first += CONNECT_BATCH) {
      const batch = Array.from({ length: Math.min(CONNECT_BATCH, followers - first) }, async (_, offset) => {
        const client = tcpClient(broker);
        clients.push(client);
        await client.connect();
        let lastSeq = 0;
        const verifies = first + offset < verifying;
        await client.subscribe_topic(topic, (packet) => {
          if (!verifies) {
            // A follower that only counts: the number is the payload's, read without a check.
            if (packet.payload.byteLength > 0) arrived();
            return;
          }
          void verifyMessage(packet.payload, key, { lastSeq }).then((result) => {
            if (!('state' in result) || result.state.seq !== expected) return;
            lastSeq = result.state.seq;
            arrived();
          });
        });
      });
      await Promise.all(batch);
    }
    const before = await processUse(broker.pid?.());
    const startedAt = performance.now();
    const presenter = tcpClient(broker);
    clients.push(presenter);
    await presenter.connect();
    const times: number[] = [];
    for (let change = 1; change <= changes && Date.now() < deadline; change++) {
      expected = change;
      received = 0;
      const done = new Promise<void>((resolve) => (allIn = resolve));
      const started = performance.now();
      const payload = await signState({ h: change % 9, v: 0, f: -1, seq: change, at: Date.now() }, privateKey);
      await presenter.pub({ topic, payload, qos: 1, retain: 1 });
      // Past the time limit, the measure stops and reports the changes that made it.
      const inTime = await withDeadline(done, Math.max(1, deadline - Date.now()), () => 'late').then(
        () => true,
        () => false,
      );
      if (!inTime) break;
      times.push(performance.now() - started);
    }
    const after = await processUse(broker.pid?.());
    const wallS = (performance.now() - startedAt) / 1000;
    return {
      followers,
      verifying,
      changes,
      timeLimitMs,
      delivered: times.length,
      medianMs: quantile(times, 0.5),
      p95Ms: quantile(times, 0.95),
      ...(before && after
        ? { brokerRssKiB: after.rssKiB, brokerCpuPercent: (100 * (after.cpuS - before.cpuS)) / wallS }
        : {}),
    };
  } finally {
    await Promise.all(clients.map((client) => client.disconnect().catch(() => undefined)));
    await broker.close();
  }
}
