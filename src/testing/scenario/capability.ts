import type { WireJson, WireJsonObject } from './source.js';

/**
 * What a capability is, apart from its value. The wire gives each one either a `unit`
 * (possibly `""`) or `availableValues`, never both, and no range or precision.
 */
export type CapabilityDescriptor = MeasuredCapability | EnumeratedCapability;

export interface MeasuredCapability {
  readonly id: string;
  readonly description: string;
  readonly unit: string;
}

export interface EnumeratedCapability {
  readonly id: string;
  readonly description: string;
  readonly availableValues: readonly string[];
}

export function measured(id: string, description: string, unit: string): MeasuredCapability {
  return { id, description, unit };
}

export function enumerated(
  id: string,
  description: string,
  availableValues: readonly string[],
): EnumeratedCapability {
  return { id, description, availableValues };
}

/** The capability as the detail response lists it, field order as on the wire. */
export function capabilityPayload(
  descriptor: CapabilityDescriptor,
  value: WireJson,
): WireJsonObject {
  const { id, description } = descriptor;
  if ('unit' in descriptor) return { id, description, value, unit: descriptor.unit };
  return { id, description, value, availableValues: [...descriptor.availableValues] };
}

/** Rounds half away from zero to `decimals` places, and never yields -0. */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const rounded = (Math.sign(value) * Math.round(Math.abs(value) * factor)) / factor;
  return rounded === 0 ? 0 : rounded;
}

export const CONNECTION_STATES: readonly string[] = ['connected', 'disconnected', 'unknown'];
export const CHARGING_STATES: readonly string[] = ['charging', 'idle', 'unknown'];
export const ON_OFF: readonly string[] = ['on', 'off'];
