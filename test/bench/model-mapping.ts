import { createMappingContext, mapDeviceDetail } from '../../src/models/index.js';
import { createDemoScenario } from '../../src/testing/index.js';
import { compare, ms, ratio } from './measure.js';

const AT_MS = Date.UTC(2026, 5, 1, 10);
const ITERATIONS = 200;

/** Mapping a device detail against `JSON.parse` of the same bytes: what validation costs. */
export async function benchModelMapping(): Promise<string[]> {
  const scenario = createDemoScenario();
  const context = createMappingContext(AT_MS);
  const lines: string[] = [];

  for (const home of scenario.homes(AT_MS)) {
    for (const summary of scenario.devices(home.id, AT_MS) ?? []) {
      const bytes = JSON.stringify(scenario.device(home.id, summary.id, AT_MS));
      const { device } = mapDeviceDetail(JSON.parse(bytes), home.id, context);
      const timings = await compare({
        parse: () => {
          for (let i = 0; i < ITERATIONS; i++) JSON.parse(bytes);
        },
        parseAndMap: () => {
          for (let i = 0; i < ITERATIONS; i++) mapDeviceDetail(JSON.parse(bytes), home.id, context);
        },
      });
      const parse = timings['parse'];
      const mapped = timings['parseAndMap'];
      if (parse === undefined || mapped === undefined) continue;
      lines.push(
        `  ${device.name.padEnd(20)} ${String(device.capabilities.length).padStart(3)} caps ` +
          `${String(bytes.length).padStart(6)} B  parse+map ${ms(mapped.cpuMs / ITERATIONS)} ` +
          `= ${ratio(mapped.cpuMs, parse.cpuMs)} JSON.parse`,
      );
    }
  }
  return ['Model: mapDeviceDetail vs JSON.parse of the same bytes (CPU, per detail)', ...lines];
}
