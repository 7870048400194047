/**
 * Freezes a value and everything reachable from it, so that a snapshot handed to a listener
 * cannot be changed under the coordinator's feet. Already frozen branches are skipped.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;

  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
  return value;
}
