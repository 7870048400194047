/**
 * `npm run bench`: every figure is a ratio to a baseline measured in the same run, since
 * absolute times on shared machines say little. Prints a report; asserts nothing.
 */
import { benchCli } from './cli.js';
import { benchClient, clientBenchHeading } from './client.js';
import { benchCoordinator } from './coordinator.js';
import { benchMockServer } from './mock-server.js';
import { benchModelMapping } from './model-mapping.js';

async function main(): Promise<void> {
  console.log(`tibber-data bench, node ${process.version}, ${new Date().toISOString()}`);
  console.log();
  for (const line of await benchModelMapping()) console.log(line);
  console.log();
  console.log('Mock server: a full poll, 8 requests in flight, vs a bare server, same bytes');
  for (const devices of [1, 100, 1_000]) {
    for (const line of await benchMockServer(devices)) console.log(line);
  }
  console.log();
  for (const line of clientBenchHeading()) console.log(line);
  for (const devices of [1, 100, 1_000]) {
    for (const line of await benchClient(devices)) console.log(line);
  }
  console.log();
  for (const line of await benchCoordinator()) console.log(line);
  console.log();
  for (const line of await benchCli()) console.log(line);
}

await main();
