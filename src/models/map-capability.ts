import {
  isDiagnosticCapabilityId,
  isKnownCapabilityId,
  isRatioCapabilityId,
} from './capability-catalog.js';
import { baseDisplayName } from './derive/display-names.js';
import { toSnakeCase } from './derive/words.js';
import type { CapabilityKind, CapabilityValue, DeviceCapability } from './device-capability.js';
import type { MappedItem } from './map-device-items.js';
import type { MappingContext } from './mapping-context.js';
import type { MappingWarning } from './mapping-issue.js';
import { checkCapability } from './rules/check-capability.js';
import { normaliseUnit, unitBounds, unitPrecision } from './units.js';
import type { WireCapability } from './wire/capability.js';

/**
 * One wire capability → domain capability, checked; throws a `DataValidationError` to
 * reject it. `displayName` is the base name here; the device makes it unique.
 */
export function mapCapability(
  wire: WireCapability,
  deviceId: string,
  lastUpdated: string,
  context: Pick<MappingContext, 'nowMs' | 'futureToleranceMs'>,
): MappedItem<DeviceCapability> {
  const name = toSnakeCase(wire.id);
  const displayName = baseDisplayName(wire.id, wire.description);
  const isDiagnostic = isDiagnosticCapabilityId(wire.id);
  const warnings: MappingWarning[] = isKnownCapabilityId(wire.id)
    ? []
    : [{ code: 'unknown_capability', deviceId, capabilityId: wire.id }];
  const value = wire.value ?? null;

  // Each object is built in one literal, not spread from a common part: spreading and then
  // adding a dozen fields is most of the mapping's cost on a battery's seventy counters.
  if (wire.availableValues !== undefined) {
    const capability: DeviceCapability = {
      capabilityId: wire.id,
      deviceId,
      name,
      displayName,
      value,
      kind: 'enum',
      availableValues: wire.availableValues,
      precision: 0,
      lastUpdated,
      isDiagnostic,
      scaledFromRatio: false,
    };
    checkCapability(capability, context);
    return { item: capability, warnings };
  }

  const rawUnit = wire.unit ?? '';
  const { unit, isStandard } = normaliseUnit(rawUnit);
  const kind = kindOf(value);
  const scaledFromRatio = unit === '%' && isRatioCapabilityId(wire.id);
  const unbounded: DeviceCapability = {
    capabilityId: wire.id,
    deviceId,
    name,
    displayName,
    value: scaledFromRatio ? ratioToPercent(value) : value,
    kind,
    unit,
    rawUnit,
    precision: kind === 'numeric' ? unitPrecision(unit) : 0,
    lastUpdated,
    isDiagnostic,
    scaledFromRatio,
  };
  const bounds = kind === 'numeric' ? unitBounds(unit) : {};
  const capability = bounds.minValue === undefined && bounds.maxValue === undefined
    ? unbounded
    : { ...unbounded, ...bounds };
  checkCapability(capability, context);

  if (!isStandard) {
    warnings.push({ code: 'unknown_unit', deviceId, capabilityId: wire.id, rawUnit });
  }
  return { item: capability, warnings };
}

/** A value with a unit is a number unless it shows otherwise; null keeps it numeric. */
function kindOf(value: CapabilityValue): CapabilityKind {
  if (typeof value === 'boolean') return 'boolean';
  return typeof value === 'string' ? 'text' : 'numeric';
}

/** 0.9 → 90, without the binary noise of `0.07 * 100`. */
function ratioToPercent(value: CapabilityValue): CapabilityValue {
  return typeof value === 'number' ? Number((value * 100).toPrecision(12)) : value;
}
