import { inspect } from 'node:util';

import { describe, expect, it } from 'vitest';

import { buildDiagnostics } from '../../src/entities/diagnostics.js';
import { createOAuthSession } from '../../src/models/index.js';
import { isJsonObject } from '../../src/models/json.js';
import { ServerError } from '../../src/shared/errors.js';
import { createDemoScenario } from '../../src/testing/index.js';
import { START_MS, useCoordinatorHarness } from '../coordinator/harness.js';

const start = useCoordinatorHarness();

describe('diagnostics', () => {
  it('keeps names and values, and no id, token, VIN, serial, e-mail or link detail', async () => {
    const scenario = createDemoScenario();
    const { coordinator } = await start({ scenario });
    const snapshot = coordinator.snapshot;
    const session = createOAuthSession({
      sessionId: 'session-7f3a',
      userId: 'kari.nordmann@example.com',
      accessToken: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJl',
      refreshToken: 'refresh-token-9d8c7b6a5f4e',
      tokenType: 'Bearer',
      expiresAt: new Date(START_MS + 3_600_000).toISOString(),
      scopes: ['openid', 'offline_access'],
      createdAt: new Date(START_MS).toISOString(),
      lastRefreshed: new Date(START_MS).toISOString(),
    });
    const error = new ServerError(
      'GET /v1/homes answered 500 for kari.nordmann@example.com',
      500,
    );

    const dump = buildDiagnostics({ snapshot, coordinator, session, recentErrors: [error] });
    const text = `${JSON.stringify(dump)}\n${inspect(dump, { depth: Infinity })}`;

    const secrets = [
      session.accessToken,
      session.refreshToken,
      session.sessionId,
      session.userId,
      ...snapshot.homes.map((h) => h.homeId),
      ...snapshot.devices.flatMap((e) => [e.device.deviceId, e.device.externalId]),
      ...snapshot.devices.flatMap((e) =>
        e.device.attributes
          .filter((a) => /vin|serial/i.test(a.attributeId))
          .map((a) => JSON.stringify(a.value).replaceAll('"', '')),
      ),
      ...snapshot.devices.flatMap((e) =>
        e.device.attributes.flatMap((a) => {
          const link = a.value;
          if (!isJsonObject(link)) return [];
          return ['ssid', 'bssid', 'ipAddress'].flatMap((key) => {
            const detail = link[key];
            return typeof detail === 'string' ? [detail] : [];
          });
        }),
      ),
    ];
    expect(secrets.length).toBeGreaterThan(15);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).toContain('Family car');
    expect(text).toContain('storage.stateOfCharge');
    expect(text).toContain('"code":"server"');
  });
});
