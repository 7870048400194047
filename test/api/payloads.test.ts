import { describe, expect, it } from 'vitest';

import type { WireJson } from '../../src/testing/index.js';
import {
  createMappingContext,
  mapDeviceDetail,
  mapDeviceList,
  mapHomes,
} from '../../src/models/index.js';
import {
  batteryDetail,
  chargerDetail,
  deviceListBody,
  homesBody,
  thermostatDetail,
  vehicleDetail,
} from '../models/fixtures/wire-examples.js';
import { START_MS, useClientHarness } from './harness.js';

const start = useClientHarness();
const context = createMappingContext(START_MS);

/** Serves `body` as the next answer of `route`, with status 200. */
function serve(
  server: Awaited<ReturnType<typeof start>>['server'],
  route: 'homes' | 'devices' | 'device',
  body: unknown,
): void {
  server.faults.add({
    route,
    fault: { kind: 'status', status: 200, body: { kind: 'json', value: body as WireJson } },
  });
}

describe('wire examples through the client', () => {
  it('maps the homes envelope exactly as the model does', async () => {
    const { client, server } = await start();
    serve(server, 'homes', homesBody);

    expect(await client.getHomes()).toEqual(mapHomes(homesBody, context));
  });

  it('maps the device list exactly as the model does', async () => {
    const { client, server } = await start();
    serve(server, 'devices', deviceListBody);

    const expected = mapDeviceList(deviceListBody, 'home-1', {});
    expect(await client.getDevices('home-1')).toEqual(expected);
  });

  it.each([
    ['a vehicle', vehicleDetail],
    ['a charger', chargerDetail],
    ['a thermostat named "No name"', thermostatDetail],
    ['a battery with seventy counters', batteryDetail],
  ])('maps %s exactly as the model does', async (_name, detail) => {
    const { client, server } = await start();
    serve(server, 'device', detail);

    expect(await client.getDevice('home-1', detail.id)).toEqual(
      mapDeviceDetail(detail, 'home-1', context),
    );
  });

  it('drops one bad item of a list with its path and rule, and returns the rest', async () => {
    const { client, server } = await start();
    serve(server, 'devices', { devices: [{ info: { name: 'no id' } }, ...deviceListBody.devices] });

    const { items, issues } = await client.getDevices('home-1');

    expect(items).toHaveLength(2);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      kind: 'rejected',
      itemKind: 'device',
      itemRef: 'devices[0]',
    });
    const [issue] = issues;
    expect(issue?.kind === 'rejected' && issue.error.code).toBe('response_validation');
  });
});

describe('field quirks of the demo household', () => {
  it('lists the shared vehicle under both homes with one id', async () => {
    const { client, scenario } = await start();

    const main = await client.getDevices(scenario.homeId('main'));
    const cabin = await client.getDevices(scenario.homeId('cabin'));

    const carId = scenario.deviceId('car');
    expect(main.items.filter((d) => d.deviceId === carId)).toHaveLength(1);
    expect(cabin.items.filter((d) => d.deviceId === carId)).toHaveLength(1);
  });

  it('keeps a device without a model, and names a <no name> one by brand and model', async () => {
    const { client, scenario } = await start();
    const cabin = scenario.homeId('cabin');
    const main = scenario.homeId('main');

    const livingRoom = await client.getDevice(main, scenario.deviceId('living-room'));
    const heater = await client.getDevice(cabin, scenario.deviceId('cabin-heater'));

    expect(livingRoom.device.model).toBeUndefined();
    expect(livingRoom.device.name).toBe('Living room');
    expect(heater.device.name).toBe('Adax Neo WiFi');
  });

  it('reads a null value, an enum, a connectivity attribute; ignores unknown fields', async () => {
    const { client, scenario, server } = await start();
    const main = scenario.homeId('main');
    server.faults.add({
      route: 'device',
      fault: { kind: 'capabilityNull', capabilityId: 'charging.current.max' },
    });

    const charger = await client.getDevice(main, scenario.deviceId('charger'));
    const battery = await client.getDevice(main, scenario.deviceId('battery'));

    const capability = (id: string) =>
      charger.device.capabilities.find((c) => c.capabilityId === id);
    const current = capability('charging.current.max');
    const status = capability('charging.status');
    const link = battery.device.attributes.find((a) => a.attributeId === 'connectivity');
    expect(current?.value).toBeNull();
    expect(status).toMatchObject({
      kind: 'enum',
      availableValues: ['charging', 'idle', 'unknown'],
    });
    expect(link).toMatchObject({ dataType: 'object', isDiagnostic: true });
    expect(charger.issues).toEqual([]);
  });
});
