import mqtt from 'u8-mqtt/esm/web/v4.js';
import { RECONNECT_BACKOFF, retryDelayMs, type Backoff } from './backoff.ts';

/**
 * The link to the broker, as the presenter's and followers' indicators show it. `refused`: the
 * broker turned down the login; trying again with the same one would not help, so the link stops.
 */
export type BrokerStatus = 'connecting' | 'live' | 'reconnecting' | 'refused';

/** A broker account (Mosquitto's `password_file`): the presenter's, where only it may publish. */
export interface BrokerLogin {
  username: string;
  password: string;
}

export interface BrokerOptions {
  /** `wss://broker.example.org/mqtt` (or `ws://` on a local network). */
  url: string;
  onStatus: (status: BrokerStatus) => void;
  /** A topic to follow, and what to do with each message on it (retained ones included). */
  subscription?: { topic: string; onMessage: (payload: Uint8Array) => void };
  /** How long to wait between tries while the broker cannot be reached. */
  backoff?: Backoff;
  /** The account to connect with; anonymous without one. */
  login?: BrokerLogin;
}

/** A connection to an MQTT broker over WebSockets that retries for as long as the page lives. */
export interface BrokerLink {
  /** Publishes a retained message (QoS 1): a late subscriber gets the last one at once. */
  publishRetained(topic: string, payload: string): Promise<void>;
  /** Publishes a message for whoever listens now (QoS 1): a remote's command. */
  publish(topic: string, payload: string): Promise<void>;
  close(): Promise<void>;
}

/** MQTT 3.1.1's CONNACK codes for a login the broker will not take: bad user name or password, not authorised. */
const LOGIN_REFUSED = new Set([4, 5]);

/** MQTT over WebSockets names its subprotocol. */
const MQTT_SUBPROTOCOL = 'mqtt';
/**
 * How long a try may take, from opening the socket to the broker's answer and subscription: a
 * socket to a host that drops packets can stay "connecting" for minutes.
 */
const TRY_TIMEOUT_MS = 10_000;

type MqttClient = ReturnType<typeof mqtt>;

/** A WebSocket to `url` once it is open; undefined if it fails or takes longer than `timeoutMs`. */
function openSocket(url: string, timeoutMs: number): Promise<WebSocket | undefined> {
  return new Promise((resolve) => {
    let socket: WebSocket;
    try {
      socket = new WebSocket(url, [MQTT_SUBPROTOCOL]);
    } catch {
      resolve(undefined);
      return;
    }
    const timer = setTimeout(() => {
      socket.close();
      resolve(undefined);
    }, timeoutMs);
    socket.onopen = () => {
      clearTimeout(timer);
      resolve(socket);
    };
    socket.onclose = () => {
      clearTimeout(timer);
      resolve(undefined);
    };
  });
}

const wait = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/**
 * Connects to the broker and keeps connecting: a lost broker makes the status `reconnecting`, and
 * each new connection subscribes again (the broker then sends the retained message, so a follower
 * catches up). Never throws at the caller; publishing while offline drops the message (the
 * presenter publishes its state again as soon as the link is back).
 *
 * The loop is ours, not u8-mqtt's `with_autoreconnect`: u8-mqtt 0.6.7 hands a socket that is
 * still connecting to its connection setup, which awaits `onopen` before it sets `onclose`, so a
 * socket that never opens (the broker still down) never reports back and nothing tries again.
 * Here a socket reaches u8-mqtt only once it is open, with a new client for each connection, so no
 * state of a lost connection carries over.
 */
export function connectBroker({
  url,
  onStatus,
  subscription,
  backoff = RECONNECT_BACKOFF,
  login,
}: BrokerOptions): BrokerLink {
  let closed = false;
  let client: MqttClient | undefined;
  let socket: WebSocket | undefined;

  /** One connection: resolves once it is lost (or could not be set up in time), or says the login was refused. */
  const connection = async (open: WebSocket): Promise<'refused' | undefined> => {
    let lost!: () => void;
    const ended = new Promise<void>((resolve) => (lost = resolve));
    const session = mqtt({
      // The loop below reconnects: u8-mqtt's default on_live would send a second CONNECT.
      on_live: () => undefined,
      on_disconnect: () => lost(),
      // Broker trouble shows in the status; the console stays for the deck's own problems.
      on_error: () => undefined,
      log_conn: () => undefined,
    }).with_websock(open);
    let refused = false;
    const ready = (async () => {
      await session.connect(login ?? {}).catch((error: unknown) => {
        // u8-mqtt's MQTTError carries the CONNACK's code as `reason`.
        refused = LOGIN_REFUSED.has(Number((error as { reason?: unknown }).reason));
        throw error;
      });
      if (subscription) {
        await session.subscribe_topic(subscription.topic, (packet) => subscription.onMessage(packet.payload));
      }
    })();
    const timeout = wait(TRY_TIMEOUT_MS).then(() => 'timeout' as const);
    const outcome = await Promise.race([ready.then(() => 'ready' as const), ended, timeout]).catch(() => undefined);
    if (outcome === 'ready' && !closed) {
      client = session;
      onStatus('live');
      await ended;
    } else {
      open.close();
    }
    client = undefined;
    return refused ? 'refused' : undefined;
  };

  const keepConnecting = async (): Promise<void> => {
    onStatus('connecting');
    for (let failures = 0; !closed;) {
      socket = await openSocket(url, TRY_TIMEOUT_MS);
      // Closed while this try was opening: the socket it opened is nobody's.
      if (closed) {
        socket?.close();
        return;
      }
      if (socket) {
        const started = Date.now();
        if ((await connection(socket)) === 'refused') {
          closed = true;
          onStatus('refused');
          return;
        }
        // A connection that lasted starts the waits over; one lost at once keeps backing off.
        if (Date.now() - started > backoff.maxMs) failures = 0;
      }
      if (closed) return;
      onStatus('reconnecting');
      await wait(retryDelayMs(failures++, backoff));
    }
  };
  void keepConnecting();

  // QoS 1: u8-mqtt 0.6.7 cannot publish at QoS 0 (its `pub` hands a null packet key to its futures).
  const publish = async (topic: string, payload: string, retain: 0 | 1): Promise<void> => {
    await client?.pub({ topic, payload, qos: 1, retain }).catch(() => undefined);
  };
  return {
    publishRetained: (topic, payload) => publish(topic, payload, 1),
    publish: (topic, payload) => publish(topic, payload, 0),
    close: async () => {
      closed = true;
      const last = client;
      client = undefined;
      if (last) await last.disconnect().catch(() => undefined);
      socket?.close();
    },
  };
}
