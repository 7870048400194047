import { DataValidationError } from '../shared/errors.js';

/**
 * Narrows what a rule check threw. Checks throw only `DataValidationError`; anything else is
 * a bug in this layer and must surface, not be filed as a rejected item.
 */
export function asDataError(error: unknown): DataValidationError {
  if (error instanceof DataValidationError) return error;
  throw error;
}
