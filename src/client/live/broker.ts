import mqtt from 'u8-mqtt/esm/web/v4.js';

/** The link to the broker, as the presenter's and followers' indicators show it. */
export type BrokerStatus = 'connecting' | 'live' | 'reconnecting';

export interface BrokerOptions {
  /** `wss://broker.example.org/mqtt` (or `ws://` on a local network). */
  url: string;
  onStatus: (status: BrokerStatus) => void;
  /** A topic to follow, and what to do with each message on it (retained ones included). */
  subscription?: { topic: string; onMessage: (payload: Uint8Array) => void };
  /**
   * How long to wait between attempts after the broker was lost.
   *
   * @default 1000
   */
  retryMs?: number;
}

/** A connection to an MQTT broker over WebSockets that retries for as long as the page lives. */
export interface BrokerLink {
  /** Publishes a retained message (QoS 1): a late subscriber gets the last one at once. */
  publishRetained(topic: string, payload: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Connects to the broker and keeps connecting: a lost broker makes the status `reconnecting`, and
 * each new connection subscribes again. Never throws at the caller; publishing while offline drops
 * the message (the presenter's next one, or its heartbeat, carries the state).
 */
export function connectBroker({ url, onStatus, subscription, retryMs = 1000 }: BrokerOptions): BrokerLink {
  let routed = false;
  let closed = false;
  const session = async (client: ReturnType<typeof mqtt>): Promise<void> => {
    await client.connect();
    if (subscription && !routed) {
      routed = true;
      await client.subscribe_topic(subscription.topic, (packet) => subscription.onMessage(packet.payload));
    } else if (subscription) {
      await client.subscribe([subscription.topic]);
    }
    onStatus('live');
  };
  const client = mqtt({
    on_live: (live, isReconnect) => (isReconnect ? session(live).catch(() => undefined) : undefined),
    on_disconnect: (lost, intentional) => {
      if (intentional || closed) return;
      onStatus('reconnecting');
      lost.on_reconnect?.();
    },
    // Broker trouble shows in the status; the console stays for the deck's own problems.
    on_error: () => undefined,
    log_conn: () => undefined,
  })
    .with_websock(url)
    .with_autoreconnect(retryMs);
  onStatus('connecting');
  void session(client).catch(() => undefined);
  return {
    publishRetained: async (topic, payload) => {
      // QoS 1: u8-mqtt 0.6.7 cannot publish at QoS 0 (its `pub` hands a null packet key to its futures).
      await client.pub({ topic, payload, qos: 1, retain: 1 }).catch(() => undefined);
    },
    close: async () => {
      closed = true;
      await client.disconnect().catch(() => undefined);
    },
  };
}
