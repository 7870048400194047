import { createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import { startBroker, until } from '../entities/mqtt/broker.js';
import type { ReceivedMessage, TestBroker } from '../entities/mqtt/broker.js';
import {
  accountEnv,
  runCli,
  signedInAccount,
  startCli,
  useDemoTibber,
  useTempDirs,
} from './cli-process.js';

const CONFIG = new RegExp(
  '^homeassistant/(sensor|binary_sensor)/tibber_data/td_[0-9a-f]{8}_[a-z0-9_]+/config$',
);
const STATUS = 'tibber-data/status';

const tempDir = useTempDirs();
const tibber = useDemoTibber();
let broker: TestBroker | undefined;
afterEach(async () => {
  await broker?.close();
  broker = undefined;
});

/** A loopback port nothing listens on: listened on, then closed again. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => { resolve(); }));
  return port;
}

/** A loopback listener that takes connections and never says a word, as a hung broker. */
async function silentBroker(): Promise<{
  url: string;
  connected: Promise<void>;
  close: () => Promise<void>;
}> {
  const sockets = new Set<Socket>();
  let heard: () => void = () => undefined;
  const connected = new Promise<void>((resolve) => { heard = resolve; });
  const listener: Server = createServer((socket) => {
    sockets.add(socket);
    heard();
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const { port } = listener.address() as AddressInfo;
  return {
    url: `mqtt://127.0.0.1:${port}`,
    connected,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => listener.close(() => { resolve(); }));
    },
  };
}

describe('tibber-data bridge', () => {
  it('publishes every entity with discovery, then says offline and exits 0 on SIGTERM',
    async () => {
      broker = await startBroker();
      const { published } = broker;
      const fixture = await signedInAccount(tibber.server, await tempDir());
      const cli = startCli(['bridge', '--mqtt', broker.url, '--interval', '200ms'], fixture.env);

      const line = await cli.line(/^Published \d+ entities of \d+ devices$/, 'stderr');
      const entities = Number(/^Published (\d+) /.exec(line)?.[1]);
      expect(line).toBe(`Published ${entities} entities of 6 devices`);
      expect(entities).toBeGreaterThan(0);

      // The line comes once the broker has acknowledged every message. aedes acknowledges a
      // QoS 1 message before it announces it, so the announcements may trail the line.
      const isConfig = (message: ReceivedMessage): boolean =>
        message.topic.startsWith('homeassistant/');
      await until(() => new Set(published.filter(isConfig).map((m) => m.topic)).size >= entities);
      const configs = published.filter(isConfig);
      expect(configs.every((message) => CONFIG.test(message.topic))).toBe(true);
      expect(configs.every((message) => message.retain)).toBe(true);
      const latest = new Map(configs.map((message) => [message.topic, message.payload]));
      expect(latest.size).toBe(entities);
      const parsed = [...latest.values()].map(
        (payload) => JSON.parse(payload) as { enabled_by_default: boolean; device: unknown },
      );
      // Entities a hub hides by default are published too, disabled: --all is for the terminal.
      const enabled = parsed.filter((config) => config.enabled_by_default).length;
      const disabled = parsed.filter((config) => !config.enabled_by_default).length;
      expect(enabled).toBeGreaterThan(0);
      expect(disabled).toBeGreaterThan(0);
      expect(enabled + disabled).toBe(entities);
      const devices = new Set(parsed.map((config) => JSON.stringify(config.device)));
      expect(devices.size).toBe(6);
      expect(published.find((message) => message.topic === STATUS)).toEqual({
        topic: STATUS,
        payload: 'online',
        retain: true,
      });

      cli.signal('SIGTERM');
      const { code, stdout, stderr } = await cli.exited;

      expect(code).toBe(0);
      expect(stdout).toBe('');
      expect(stderr).toMatch(
        new RegExp(`^Connected to ${broker.url}; polling Tibber every 200ms\n`),
      );
      expect(stderr).toMatch(/\nDiscovered 6 devices\n/);
      expect(stderr.endsWith(`\n${line}\nStopped on SIGTERM.\n`)).toBe(true);
      expect(stderr).not.toMatch(/warning|error/i);
      const isStatus = (message: ReceivedMessage): boolean => message.topic === STATUS;
      await until(() => published.filter(isStatus).length >= 2);
      expect(published.filter(isStatus)).toEqual([
        { topic: STATUS, payload: 'online', retain: true },
        { topic: STATUS, payload: 'offline', retain: true },
      ]);
    });

  it('exits 5 in one line when nothing listens at the broker\'s address', async () => {
    const fixture = await signedInAccount(tibber.server, await tempDir());
    const port = await closedPort();

    const { code, stdout, stderr } = await runCli(
      ['bridge', '--mqtt', `mqtt://127.0.0.1:${port}`],
      fixture.env,
    );

    expect(code).toBe(5);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `tibber-data: Cannot connect to the MQTT broker at mqtt://127.0.0.1:${port}: ` +
        `connect ECONNREFUSED 127.0.0.1:${port}\n`,
    );
  });

  it('stops at once on SIGTERM while the broker has not answered, claiming no connection',
    async () => {
      const hung = await silentBroker();
      try {
        const fixture = await signedInAccount(tibber.server, await tempDir());
        const cli = startCli(['bridge', '--mqtt', hung.url], fixture.env);
        await hung.connected;
        const signalledAt = Date.now();

        cli.signal('SIGTERM');
        const { code, stdout, stderr } = await cli.exited;

        expect(code).toBe(0);
        expect(stdout).toBe('');
        expect(stderr).toBe('Stopped on SIGTERM.\n');
        // Not held until the 15 s connect timeout runs out.
        expect(Date.now() - signalledAt).toBeLessThan(10_000);
        expect(tibber.server.requests.filter((request) => request.route === 'homes')).toEqual([]);
      } finally {
        await hung.close();
      }
    });

  it('exits 3 naming the ways to give a broker when none is given', async () => {
    const { env } = accountEnv(tibber.server, await tempDir());

    const { code, stdout, stderr } = await runCli(['bridge'], env);

    expect(code).toBe(3);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'tibber-data: No MQTT broker: pass --mqtt mqtt://host:1883, ' +
        'or set TIBBER_DATA_MQTT_URL, or put mqtt.url in the config file\n',
    );
    expect(tibber.server.requests).toEqual([]);
  });

  it('never prints a password given in the broker URL', async () => {
    const fixture = await signedInAccount(tibber.server, await tempDir());
    const port = await closedPort();

    const { code, stdout, stderr } = await runCli(
      ['bridge', '--mqtt', `mqtt://user:s3cret@127.0.0.1:${port}`, '--verbose'],
      fixture.env,
    );

    expect(code).toBe(5);
    expect(`${stdout}${stderr}`).not.toContain('s3cret');
    expect(stderr.split('\n')).toContain(
      `tibber-data: Cannot connect to the MQTT broker at mqtt://127.0.0.1:${port}: ` +
        `connect ECONNREFUSED 127.0.0.1:${port}`,
    );
  });
});
