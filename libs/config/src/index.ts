// First: it must be in place before anything imports Nest (see the module).
export { restoreIntlDateTimeFormat } from './defer-intl.js';
import 'reflect-metadata';
export * from './load-config.js';
export * from './service-config.js';
