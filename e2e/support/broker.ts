import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onPath } from './executables.ts';
import { Aedes } from 'aedes';
import mqtt from 'u8-mqtt/esm/node/v4.js';
import { Duplex } from 'node:stream';
import { promisify } from 'node:util';
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
export const MOSQUITTO = onPath('mosquitto');

/** A broker that can be stopped and started again on the same ports. */
export interface Mosquitto {
  /** The broker's process id while Mosquitto runs (none for Aedes, which runs in this process). */
  pid?: () => number | undefined;
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
    pid: () => (process?.exitCode === null ? process.pid : undefined),
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

/** The README's example broker configuration and its ACL, as committed. */
export const EXAMPLE_CONFIG = 'mosquitto.example.conf';
export const EXAMPLE_ACL = 'mosquitto.example.acl';
/** A `listener <port> [address]` line. */
const LISTENER_PORT = /^(listener\s+)(\d+)/gm;
/** A listener whose block (up to the next listener) says `protocol websockets`: its port. */
const WEBSOCKETS_LISTENER = /^listener\s+(\d+)[^\n]*\n(?:(?!listener\b)[^\n]*\n)*?protocol\s+websockets\b/m;
/** The plain MQTT listener on loopback. */
const LOOPBACK_LISTENER = /^listener\s+(\d+)\s+127\.0\.0\.1\s*$/m;
/** `password_file <path>` and `acl_file <path>` lines. */
const SECURITY_FILE = /^(password_file|acl_file)\s+\S+/gm;
/** The ACL's one account: `user <name>`. */
const ACL_USER = /^user\s+(\S+)/m;

/** The example broker, running: where to reach it and the presenter's account on it. */
export interface ExampleBroker extends Broker {
  login: { username: string; password: string };
  close(): Promise<void>;
}

/**
 * Runs Mosquitto with `mosquitto.example.conf` and `mosquitto.example.acl` as committed, only their
 * fixed ports swapped for free ones (something here may hold 1884 or 9001) and the files they name
 * made in a folder of its own: the ACL copied, the presenter's account made with `mosquitto_passwd`
 * as the file's comments say.
 */
export async function runExampleBroker(): Promise<ExampleBroker> {
  const committed = await readFile(EXAMPLE_CONFIG, 'utf8');
  const acl = await readFile(EXAMPLE_ACL, 'utf8');
  const username = ACL_USER.exec(acl)?.[1];
  if (!username) throw new Error(`${EXAMPLE_ACL} names no account (a "user <name>" line)`);
  const dir = await mkdtemp(join(tmpdir(), 'deck-mosquitto-example-'));
  const files = { password_file: join(dir, 'deck.passwd'), acl_file: join(dir, 'deck.acl') };
  const password = randomBytes(12).toString('base64url');
  const ports = new Map<string, number>();
  for (const [, , port] of committed.matchAll(LISTENER_PORT)) ports.set(port!, await freePort());
  const config = committed
    .replace(LISTENER_PORT, (_, listener: string, port: string) => `${listener}${ports.get(port)}`)
    .replace(SECURITY_FILE, (_, key: keyof typeof files) => `${key} ${files[key]}`);
  const wsPort = WEBSOCKETS_LISTENER.exec(config)?.[1];
  const tcpPort = LOOPBACK_LISTENER.exec(config)?.[1];
  if (!wsPort || !tcpPort) throw new Error(`${EXAMPLE_CONFIG} needs a websockets listener and one on 127.0.0.1`);
  await writeFile(files.acl_file, acl);
  const run = promisify(execFile);
  await run('mosquitto_passwd', ['-b', '-c', files.password_file, username, password]);
  // Started as root, Mosquitto reads them as its own user (as the file's comments say to set up).
  if (process.getuid?.() === 0) {
    await chmod(dir, 0o755);
    await run('chown', ['mosquitto:', files.password_file, files.acl_file]);
  }
  await writeFile(join(dir, EXAMPLE_CONFIG), config);
  const mosquitto = await runMosquitto(join(dir, EXAMPLE_CONFIG), [...ports.values()]);
  return {
    wsUrl: `ws://127.0.0.1:${wsPort}`,
    tcpPort: Number(tcpPort),
    login: { username, password },
    ...mosquitto,
    async close() {
      await mosquitto.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
