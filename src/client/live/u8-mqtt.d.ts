// The part of u8-mqtt (which ships no types) the deck uses: an MQTT 3.1.1 client, web and Node builds.

interface U8MqttPacket {
  topic: string;
  payload: Uint8Array;
}

interface U8MqttClient {
  /** A URL (u8-mqtt opens the socket) or a WebSocket, open or still connecting. */
  with_websock(socket: string | URL | WebSocket): U8MqttClient;
  with_tcp(port: number, host: string): U8MqttClient;
  connect(packet?: { client_id?: string; keep_alive?: number; username?: string; password?: string }): Promise<unknown>;
  disconnect(): Promise<unknown>;
  subscribe(topics: string[]): Promise<unknown>;
  subscribe_topic(topic: string, handler: (packet: U8MqttPacket) => void): Promise<unknown>;
  pub(packet: { topic: string; payload: string; qos: 0 | 1; retain?: 0 | 1 }): Promise<unknown>;
}

/** Hooks the client calls on itself; each is optional. */
interface U8MqttHooks {
  on_live?: (client: U8MqttClient, isReconnect: boolean) => unknown;
  on_disconnect?: (client: U8MqttClient, intentional: boolean) => unknown;
  on_error?: (error: unknown, event: string) => void;
  log_conn?: (event: string) => void;
}

declare module 'u8-mqtt/esm/web/v4.js' {
  export default function mqtt(hooks?: U8MqttHooks): U8MqttClient;
}

declare module 'u8-mqtt/esm/node/v4.js' {
  export default function mqtt(hooks?: U8MqttHooks): U8MqttClient;
}
