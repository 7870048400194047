import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { TibberDataClient, staticAccessToken } from '../../src/index.js';
import { DiscoveryProgress } from '../../src/cli/discovery-progress.js';
import type { Output } from '../../src/cli/output.js';
import { MockTibberServer, generateScaleScenario } from '../../src/testing/index.js';

let server: MockTibberServer;
let client: TibberDataClient;
beforeEach(async () => {
  const scenario = generateScaleScenario({
    homes: 2,
    devicesPerHome: 4,
    capabilitiesPerDevice: 3,
    seed: 1,
  });
  server = await MockTibberServer.start({ scenario });
  client = new TibberDataClient({
    auth: staticAccessToken(server.issueTokens().accessToken),
    userAgent: 'CliTest/1.0.0',
    baseUrl: server.endpoints.dataApi,
  });
});
afterEach(async () => {
  await server.close();
});

function recordingOutput(interactive: boolean): Output & { readonly progressed: string[] } {
  const progressed: string[] = [];
  return {
    interactive,
    progressed,
    line: () => undefined,
    status: () => undefined,
    progress: (text, done = false) => progressed.push(done ? `${text} (done)` : text),
  };
}

/** Lists every home, then fetches each device, one at a time, as a first poll would. */
async function discover(progress: DiscoveryProgress): Promise<void> {
  const homes = await progress.getHomes();
  const lists = [];
  for (const home of homes.items) {
    lists.push([home, await progress.getDevices(home.homeId)] as const);
  }
  for (const [home, list] of lists) {
    for (const device of list.items) await progress.getDevice(home.homeId, device.deviceId);
  }
}

describe('discovery progress', () => {
  it('redraws a count per device on a terminal, then ends the line', async () => {
    const output = recordingOutput(true);
    const progress = new DiscoveryProgress(client, output);

    await discover(progress);
    progress.finish();

    expect(output.progressed).toEqual([
      ...[1, 2, 3, 4, 5, 6, 7, 8].map((count) => `Discovering devices ${count}/8`),
      'Discovered 8 devices (done)',
    ]);
  });

  it('prints a line per quarter elsewhere, so a log stays short', async () => {
    const output = recordingOutput(false);
    const progress = new DiscoveryProgress(client, output);

    await discover(progress);
    progress.finish();

    expect(output.progressed).toEqual([
      'Discovering devices 2/8',
      'Discovering devices 4/8',
      'Discovering devices 6/8',
      'Discovered 8 devices (done)',
    ]);
  });

  it('counts no more after the first poll', async () => {
    const output = recordingOutput(true);
    const progress = new DiscoveryProgress(client, output);

    await discover(progress);
    progress.finish();
    progress.finish();
    await discover(progress);

    expect(output.progressed).toHaveLength(9);
  });
});
