import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';

import { Aedes } from 'aedes';
import { connect } from 'mqtt';
import type { MqttClient } from 'mqtt';

export interface TestBroker {
  /** `mqtt://127.0.0.1:<port>`. */
  readonly url: string;
  /**
   * Every message a client published, retain flag as sent: aedes speaks MQTT 3.1.1 only, which
   * clears the flag when it forwards a message to a subscriber.
   */
  readonly published: ReceivedMessage[];
  /** Cuts every client off, as a broker restart would; the port stays open. */
  dropConnections(): void;
  close(): Promise<void>;
}

/** An aedes broker on a free loopback port. */
export async function startBroker(): Promise<TestBroker> {
  const broker = await Aedes.createBroker();
  const published: ReceivedMessage[] = [];
  broker.on('publish', (packet, client) => {
    if (client === null) return;
    const payload = typeof packet.payload === 'string' ? packet.payload : packet.payload.toString();
    published.push({ topic: packet.topic, payload, retain: packet.retain });
  });
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    broker.handle(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `mqtt://127.0.0.1:${port}`,
    published,
    dropConnections: () => {
      for (const socket of sockets) socket.destroy();
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => {
        broker.close(resolve);
      });
      await new Promise<void>((resolve) => server.close(() => { resolve(); }));
    },
  };
}

export interface ReceivedMessage {
  readonly topic: string;
  readonly payload: string;
  readonly retain: boolean;
}

/** A client subscribed to `#` that keeps every message it is sent. */
export class MessageRecorder {
  readonly messages: ReceivedMessage[] = [];
  readonly client: MqttClient;

  private constructor(client: MqttClient) {
    this.client = client;
    client.on('message', (topic, payload, packet) => {
      this.messages.push({ topic, payload: payload.toString('utf8'), retain: packet.retain });
    });
  }

  static async connect(url: string): Promise<MessageRecorder> {
    const client = connect(url, { reconnectPeriod: 0 });
    const recorder = new MessageRecorder(client);
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => { resolve(); });
      client.once('error', reject);
    });
    await client.subscribeAsync('#', { qos: 1 });
    return recorder;
  }

  on(topic: string): ReceivedMessage[] {
    return this.messages.filter((message) => message.topic === topic);
  }

  /** The last payload of every topic, as the broker retains them now. */
  latest(): Map<string, string> {
    return new Map(this.messages.map((message) => [message.topic, message.payload]));
  }

  matching(pattern: RegExp): ReceivedMessage[] {
    return this.messages.filter((message) => pattern.test(message.topic));
  }

  async close(): Promise<void> {
    await this.client.endAsync(true);
  }
}

/**
 * Waits, for loopback delivery only, until `holds` is true; fails after `timeoutMs`.
 * The coordinator's time never moves here: it runs on a manual clock.
 */
export async function until(holds: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!holds()) {
    if (Date.now() > deadline) throw new Error('the expected MQTT messages never came');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
