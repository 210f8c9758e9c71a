import {
  importPublicKey,
  liveTopic,
  newKeyPair,
  newSessionId,
  signState,
  verifyMessage,
} from '../src/client/live/protocol.ts';
import { startBroker, tcpClient } from '../e2e/support/broker.ts';

export interface LiveLatency {
  followers: number;
  changes: number;
  /** From the presenter's publish to the last follower's verified receipt, per change. */
  medianMs: number;
  p95Ms: number;
}

const quantile = (xs: number[], q: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
};

/**
 * Live latency on a local Mosquitto: `followers` clients verify every message with the browser's
 * own protocol module; the presenter signs and publishes `changes` slide changes one after another.
 */
export async function measureLiveLatency(followers = 50, changes = 50): Promise<LiveLatency> {
  const broker = await startBroker();
  try {
    const { privateKey, publicKey } = await newKeyPair();
    const key = await importPublicKey(publicKey);
    const topic = liveTopic('bench', newSessionId());
    let expected = 0;
    let received = 0;
    let allIn: () => void = () => undefined;
    const clients = await Promise.all(
      Array.from({ length: followers }, async () => {
        const client = tcpClient(broker);
        await client.connect();
        let lastSeq = 0;
        await client.subscribe_topic(topic, (packet) => {
          void verifyMessage(packet.payload, key, { lastSeq }).then((result) => {
            if (!('state' in result) || result.state.seq !== expected) return;
            lastSeq = result.state.seq;
            received += 1;
            if (received === followers) allIn();
          });
        });
        return client;
      }),
    );
    const presenter = tcpClient(broker);
    await presenter.connect();
    const times: number[] = [];
    for (let change = 1; change <= changes; change++) {
      expected = change;
      received = 0;
      const done = new Promise<void>((resolve) => (allIn = resolve));
      const started = performance.now();
      const payload = await signState({ h: change % 9, v: 0, f: -1, seq: change, at: Date.now() }, privateKey);
      await presenter.pub({ topic, payload, qos: 1, retain: 1 });
      await done;
      times.push(performance.now() - started);
    }
    await Promise.all([presenter, ...clients].map((client) => client.disconnect().catch(() => undefined)));
    return { followers, changes, medianMs: quantile(times, 0.5), p95Ms: quantile(times, 0.95) };
  } finally {
    await broker.close();
  }
}
