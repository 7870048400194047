import { describe, expect, it } from 'vitest';

import {
  describeAttribute,
  describeCapability,
  entityDevice,
  entityUniqueId,
} from '../../../src/entities/describe-entity.js';
import type { EntityDescription } from '../../../src/entities/entity.js';
import type { TibberDevice } from '../../../src/models/index.js';
import {
  batteryDetail,
  chargerDetail,
  thermostatDetail,
  vehicleDetail,
} from '../../models/fixtures/wire-examples.js';
import { HOME_ID } from '../../models/helpers.js';
import { mapDevice } from './helpers.js';

const VIN = vehicleDetail.externalId;

function everyEntity(device: TibberDevice): EntityDescription[] {
  return [
    ...device.capabilities.map((capability) => describeCapability(device, capability)),
    ...device.attributes.flatMap((attribute) => describeAttribute(device, attribute) ?? []),
  ];
}

const FIXTURES = [vehicleDetail, chargerDetail, thermostatDetail, batteryDetail];

describe('unique ids', () => {
  it.each([
    ['WVWZZZ00000000001', 'storage.stateOfCharge', 'wvwzzz00000000001_storage_stateofcharge'],
    ['easee:EH123456', 'charging.current.max', 'easee_eh123456_charging_current_max'],
    ['sonnen:SB-101', 'energyFlow.day.battery.source.grid',
      'sonnen_sb_101_energyflow_day_battery_source_grid'],
    ['QR/Ünit 7', 'onOff', 'qr__nit_7_onoff'],
  ])('makes %s and %s into %s', (externalId, sourceId, uniqueId) => {
    expect(entityUniqueId({ deviceId: 'ZGV2aWNl', externalId }, sourceId)).toBe(uniqueId);
  });

  it('keys a device without an externalId by its device id', () => {
    expect(entityUniqueId({ deviceId: 'ZGV2-aWNl', externalId: ' ' }, 'onOff'))
      .toBe('zgv2_awnl_onoff');
  });

  it.each(FIXTURES.map((fixture) => [fixture.externalId, fixture] as const))(
    'gives every entity of %s a distinct id of [a-z0-9_] only',
    (_externalId, fixture) => {
      const ids = everyEntity(mapDevice(fixture)).map((entity) => entity.uniqueId);

      expect(ids.every((id) => /^[a-z0-9_]+$/.test(id))).toBe(true);
      expect(new Set(ids).size).toBe(ids.length);
    },
  );

  it('keeps every unique id when the user renames the device and a vendor its descriptions', () => {
    const before = everyEntity(mapDevice(vehicleDetail));
    const after = everyEntity(mapDevice({
      ...vehicleDetail,
      info: { ...vehicleDetail.info, name: 'Holiday car' },
      capabilities: vehicleDetail.capabilities.map((capability) => ({
        ...capability,
        description: `renamed ${capability.description}`,
      })),
    }));

    expect(after.map((entity) => entity.uniqueId)).toStrictEqual(
      before.map((entity) => entity.uniqueId),
    );
    expect(after.map((entity) => entity.name)).not.toStrictEqual(
      before.map((entity) => entity.name),
    );
  });
});

describe('names', () => {
  it('never shows the VIN in an entity, only in its unique id', () => {
    const entities = everyEntity(mapDevice(vehicleDetail));

    expect(entities.map((entity) => entity.name)).toStrictEqual([
      'State of charge',
      'Estimated remaining driving range',
      'Vehicle charging status',
      'Online',
    ]);
    for (const { uniqueId, ...shown } of entities) {
      expect(uniqueId.toUpperCase()).toContain(VIN);
      expect(JSON.stringify(shown)).not.toContain(VIN);
    }
  });

  it.each([
    ['the VIN', `battery of ${VIN}`],
    ['the VIN in lower case', `battery of ${VIN.toLowerCase()}`],
    ['the VIN attribute of another externalId', `battery of ${VIN}`, 'vw:123'],
  ])('names an entity by its id when a description holds %s', (_case, description, id = VIN) => {
    const vehicle = mapDevice({
      ...vehicleDetail,
      externalId: id,
      capabilities: [{ id: 'storage.stateOfCharge', description, value: 74, unit: '%' }],
    });

    const [entity] = everyEntity(vehicle);

    expect(entity?.name).toBe('Storage state of charge');
  });

  it('strips a vendor prefix before looking for the identifier', () => {
    const charger = mapDevice({
      ...chargerDetail,
      attributes: [],
      capabilities: [{ id: 'grid.phaseCount', description: 'EH123456 phases', value: 3, unit: '' }],
    });

    expect(everyEntity(charger)[0]?.name).toBe('Grid phase count');
  });
});

describe('entity devices', () => {
  it('describes the vehicle by its name, brand and model', () => {
    expect(entityDevice(mapDevice(vehicleDetail))).toStrictEqual({
      deviceId: vehicleDetail.id,
      externalId: VIN,
      name: 'Family car',
      manufacturer: 'Volkswagen',
      model: 'ID.4',
      homeId: HOME_ID,
    });
  });

  it('names a placeholder-named charger by its brand, with no model key', () => {
    expect(entityDevice(mapDevice(chargerDetail))).toStrictEqual({
      deviceId: chargerDetail.id,
      externalId: 'easee:EH123456',
      name: 'Easee',
      manufacturer: 'Easee',
      homeId: HOME_ID,
    });
  });

  it('never names an unnamed vehicle by its VIN', () => {
    const unnamed = mapDevice({ ...vehicleDetail, info: { name: '<no name>' } });

    expect(entityDevice(unnamed).name).not.toContain(VIN);
  });
});
