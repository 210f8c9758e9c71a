import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'u8-mqtt/esm/node/v4.js';

/** A Mosquitto broker for one test file: MQTT over TCP and over WebSockets, on loopback. */
export interface Broker extends Mosquitto {
  /** What a browser connects to: `ws://127.0.0.1:<port>`. */
  wsUrl: string;
  tcpPort: number;
}

/** A Node MQTT client of `broker` over TCP (Node 20 has no WebSocket), quiet: tests and the benchmark report. */
export function tcpClient(broker: Pick<Broker, 'tcpPort'>): ReturnType<typeof mqtt> {
  return mqtt({ on_error: () => undefined, log_conn: () => undefined }).with_tcp(broker.tcpPort, '127.0.0.1');
}

/** A TCP port nothing listens on now, on loopback. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

/** Resolves once something accepts connections on the port. */
async function listening(port: number, process: ChildProcess): Promise<void> {
  for (;;) {
    if (process.exitCode !== null) throw new Error(`mosquitto exited with code ${process.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      }).on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((done) => setTimeout(done, 50));
  }
}

/** A Mosquitto process run from one configuration file, stopped and started again on the same ports. */
export interface Mosquitto {
  /** Stops the broker (as a crashed or unplugged one would be gone). */
  stop: () => Promise<void>;
  /** Starts it again on the same ports; resolves once every one of them accepts connections. */
  start: () => Promise<void>;
}

/**
 * Runs Debian's `mosquitto` (installed by `.ci/run`) with the configuration file `config`, which
 * listens on `ports`: resolves once all of them accept connections, rejects with Mosquitto's own
 * words if it exits first.
 */
export async function runMosquitto(config: string, ports: number[]): Promise<Mosquitto> {
  let process: ChildProcess | undefined;
  const mosquitto: Mosquitto = {
    start: async () => {
      const started = spawn('mosquitto', ['-c', config], { stdio: ['ignore', 'ignore', 'pipe'] });
      process = started;
      let said = '';
      started.stderr?.on('data', (chunk: Buffer) => (said += chunk.toString()));
      await Promise.all(ports.map((port) => listening(port, started))).catch((error: unknown) => {
        throw new Error(`${(error as Error).message}: ${said.trim()}`);
      });
    },
    stop: async () => {
      const running = process;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((done) => running.once('exit', done));
      running.kill('SIGKILL');
      await exited;
    },
  };
  await mosquitto.start();
  return mosquitto;
}

/** Starts a broker with a configuration like the README's example, on free ports. */
export async function startBroker(): Promise<Broker & { close(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'deck-mosquitto-'));
  const [tcpPort, wsPort] = [await freePort(), await freePort()];
  const config = join(dir, 'mosquitto.conf');
  await writeFile(
    config,
    [
      `listener ${tcpPort} 127.0.0.1`,
      `listener ${wsPort} 127.0.0.1`,
      'protocol websockets',
      'allow_anonymous true',
      'persistence false',
      'log_dest none',
    ].join('\n'),
  );
  const mosquitto = await runMosquitto(config, [tcpPort, wsPort]);
  return {
    wsUrl: `ws://127.0.0.1:${wsPort}`,
    tcpPort,
    start: mosquitto.start,
    stop: mosquitto.stop,
    async close() {
      await mosquitto.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
