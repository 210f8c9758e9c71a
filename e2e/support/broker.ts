import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { Aedes } from 'aedes';
import mqtt from 'u8-mqtt/esm/node/v4.js';
import { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A broker for one test file: MQTT over TCP and over WebSockets, on loopback. Mosquitto (the broker
 * people deploy, installed by `.ci/run`) when it is on the PATH, otherwise Aedes from npm, so that
 * a machine with Node and a browser runs the live tests too.
 */
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

/** The `mosquitto` executable on the PATH, if there is one. */
export const MOSQUITTO = process.env.PATH?.split(delimiter)
  .map((dir) => join(dir, 'mosquitto'))
  .find((file) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });

/** A broker that can be stopped and started again on the same ports. */
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
      if (!MOSQUITTO) throw new Error('mosquitto is not on the PATH');
      const started = spawn(MOSQUITTO, ['-c', config], { stdio: ['ignore', 'ignore', 'pipe'] });
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

/** Resolves once `server` listens on `port` of loopback. */
const listen = (server: Server, port: number): Promise<void> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });

/**
 * MQTT over a WebSocket, one frame per tick's writes: Aedes writes a packet in pieces (header,
 * topic, payload), and ws's own stream would send each as a frame of its own, which the deck's
 * client (u8-mqtt) does not put back together. Mosquitto sends a packet per frame.
 */
function packetPerFrame(socket: WebSocket): Duplex {
  let pending: Buffer[] = [];
  const stream = new Duplex({
    read: () => undefined,
    write(chunk: Buffer, _encoding, done) {
      if (pending.push(chunk) === 1) {
        setImmediate(() => {
          const frame = Buffer.concat(pending);
          pending = [];
          if (socket.readyState === socket.OPEN) socket.send(frame);
        });
      }
      done();
    },
    destroy(error, done) {
      socket.terminate();
      done(error);
    },
  });
  socket.on('message', (data: Buffer) => stream.push(data));
  socket.on('close', () => stream.destroy());
  socket.on('error', (error) => stream.destroy(error));
  return stream;
}

/** Aedes in this process, on the two ports; stopping it drops every connection at once, as a crash would. */
function runAedes(tcpPort: number, wsPort: number): Mosquitto {
  let running: { aedes: Aedes; servers: Server[]; sockets: Set<Socket> } | undefined;
  return {
    start: async () => {
      const aedes = await Aedes.createBroker();
      const tcp = createServer((socket) => aedes.handle(socket));
      const http = createHttpServer();
      new WebSocketServer({ server: http }).on('connection', (socket, request) =>
        aedes.handle(packetPerFrame(socket), request),
      );
      const sockets = new Set<Socket>();
      for (const server of [tcp, http]) {
        server.on('connection', (socket: Socket) => {
          sockets.add(socket);
          socket.once('close', () => sockets.delete(socket));
        });
      }
      running = { aedes, servers: [tcp, http], sockets };
      await Promise.all([listen(tcp, tcpPort), listen(http, wsPort)]);
    },
    stop: async () => {
      const stopping = running;
      running = undefined;
      if (!stopping) return;
      for (const socket of stopping.sockets) socket.destroy();
      await Promise.all(stopping.servers.map((server) => new Promise((closed) => server.close(closed))));
      await new Promise<void>((closed) => stopping.aedes.close(() => closed()));
    },
  };
}

/** Starts a broker like the README's example (anonymous, no persistence) on free loopback ports. */
export async function startBroker(): Promise<Broker & { close(): Promise<void> }> {
  const [tcpPort, wsPort] = [await freePort(), await freePort()];
  const urls = { wsUrl: `ws://127.0.0.1:${wsPort}`, tcpPort };
  if (!MOSQUITTO) {
    const aedes = runAedes(tcpPort, wsPort);
    await aedes.start();
    return { ...urls, ...aedes, close: aedes.stop };
  }
  const dir = await mkdtemp(join(tmpdir(), 'deck-mosquitto-'));
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
    ...urls,
    ...mosquitto,
    async close() {
      await mosquitto.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
