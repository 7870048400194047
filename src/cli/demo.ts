import type { Clock } from '../shared/clock.js';
import { systemClock } from '../shared/clock.js';
import { TibberDataClient, staticAccessToken } from '../api/index.js';
import { describeMappingIssue } from '../models/index.js';
import { libraryIdentity } from '../shared/version.js';
import { MockTibberServer, createDemoScenario } from '../testing/index.js';
import type { Household } from './household.js';
import { readHousehold } from './household.js';
import { alignColumns, describeDevice, formatCapability } from './format.js';
import type { Output } from './output.js';

export interface DemoOptions {
  /** Keep the mock server running after the read, until this resolves. */
  readonly serveUntil?: Promise<void>;
  /** Scenario seed: the same seed gives the same household. */
  readonly seed?: number;
  /** Capabilities shown per device; the rest are counted. */
  readonly capabilitiesShown?: number;
  /** The mock server's time, and so its values. Default: real time. */
  readonly clock?: Clock;
}

/**
 * Starts the mock Tibber server with the demo household, signs in as the mock user, reads
 * every home and device once through the domain model, and prints what it found.
 */
export async function runDemo(output: Output, options: DemoOptions = {}): Promise<void> {
  const scenario = createDemoScenario(options.seed === undefined ? {} : { seed: options.seed });
  const clock = options.clock ?? systemClock;
  const server = await MockTibberServer.start({ scenario, clock });
  try {
    output.line(`Mock Tibber server on ${server.url} (no Tibber account needed)`);
    const { version } = libraryIdentity();
    const client = new TibberDataClient({
      auth: staticAccessToken(server.issueTokens().accessToken),
      userAgent: `tibber-data-cli/${version}`,
      baseUrl: server.endpoints.dataApi,
      clock,
    });
    const household = await readHousehold(client);
    printHousehold(output, household, options.capabilitiesShown ?? 6);

    if (options.serveUntil !== undefined) {
      output.line();
      output.line(`Serving ${server.endpoints.discovery} until interrupted (Ctrl+C).`);
      await options.serveUntil;
    }
  } finally {
    await server.close();
  }
}

function printHousehold(output: Output, household: Household, shown: number): void {
  const homeNames = new Map(household.homes.map((home) => [home.homeId, home.displayName]));

  output.line();
  output.line(`${household.homes.length} homes`);
  const homeRows = household.homes.map((home) => [home.displayName, home.timeZone]);
  for (const line of alignColumns(homeRows, '  ')) output.line(line);

  output.line();
  output.line(`${household.devices.length} devices`);
  for (const { device, homeIds } of household.devices) {
    const homes = homeIds.map((id) => homeNames.get(id) ?? id).join(', ');
    output.line(`  ${describeDevice(device)}: ${device.onlineStatus}, in ${homes}`);

    const state = device.capabilities.filter((capability) => !capability.isDiagnostic);
    const rows = state.slice(0, shown).map((c) => [c.displayName, formatCapability(c)]);
    for (const line of alignColumns(rows, '    ')) output.line(line);
    if (state.length > shown) output.line(`    … and ${state.length - shown} more`);
  }

  if (household.issues.length > 0) {
    output.line();
    output.line(`${household.issues.length} mapping notes`);
    for (const issue of household.issues) output.line(`  ${describeMappingIssue(issue)}`);
  }
}
