export * from './shared/errors.js';
export * from './shared/clock.js';
export * from './shared/logger.js';
