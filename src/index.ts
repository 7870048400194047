/**
 * tibber-data: the devices behind a Tibber account for home-automation hubs and
 * dashboards. The mock Tibber server lives apart, in `tibber-data/testing`.
 */
export * from './shared/errors.js';
export * from './shared/clock.js';
export * from './shared/logger.js';
export * from './models/index.js';
export * from './auth/index.js';
export * from './api/index.js';
export * from './coordinator/index.js';
export * from './entities/index.js';
