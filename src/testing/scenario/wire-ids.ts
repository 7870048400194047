import { Buffer } from 'node:buffer';

import type { Random } from './random.js';

/**
 * Identifiers shaped like the wire's. Homes have UUIDs; devices have opaque unpadded
 * base64url ids (the real ones decode to "<vendor> <kind>:<n>"); external ids are the
 * vendor's own: a VIN, `vendor:serial`, a bare serial.
 */

const HEX = '0123456789abcdef';
// VINs never use I, O or Q: they read like 1 and 0.
const VIN_CHARACTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
const DIGITS = '0123456789';
const UPPER_ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A random (version 4) UUID drawn from a seeded generator. */
export function uuidFrom(random: Random): string {
  const hex = Array.from({ length: 32 }, () => HEX[Math.floor(random() * 16)] ?? '0');
  hex[12] = '4';
  hex[16] = HEX[8 + Math.floor(random() * 4)] ?? '8';
  const text = hex.join('');
  return [
    text.slice(0, 8),
    text.slice(8, 12),
    text.slice(12, 16),
    text.slice(16, 20),
    text.slice(20),
  ].join('-');
}

/** A device id as the wire has them: unpadded base64url of a vendor's own reference. */
export function deviceIdFor(vendorReference: string): string {
  return Buffer.from(vendorReference, 'utf8').toString('base64url');
}

/** A 17-character VIN starting with the maker's world manufacturer identifier. */
export function vinFrom(random: Random, manufacturerId: string): string {
  const descriptor = 'ZZZ' + drawn(random, VIN_CHARACTERS, 3);
  const serial = drawn(random, VIN_CHARACTERS, 3) + drawn(random, DIGITS, 5);
  return manufacturerId + descriptor + serial;
}

/** A serial number: a vendor prefix and `length` upper-case letters and digits. */
export function serialFrom(random: Random, prefix: string, length: number): string {
  return prefix + drawn(random, UPPER_ALPHANUMERIC, length);
}

export function digitsFrom(random: Random, length: number): string {
  return drawn(random, DIGITS, length);
}

/** A locally administered MAC address, as a Wi-Fi access point reports its BSSID. */
export function bssidFrom(random: Random): string {
  const octets = Array.from({ length: 6 }, () => Math.floor(random() * 256));
  octets[0] = ((octets[0] ?? 0) | 0x02) & 0xfe;
  return octets.map((octet) => octet.toString(16).padStart(2, '0')).join(':');
}

function drawn(random: Random, alphabet: string, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)] ?? '';
  return text;
}
