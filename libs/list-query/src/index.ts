import 'reflect-metadata';
export * from './find-page.js';
export * from './cursor.js';
export * from './keyset.js';
export * from './list-source.js';
export * from './list-query.decorators.js';
export * from './list-query.js';
export * from './page.dto.js';
export { CAPPED_TOTAL_TTL_MS, listTotalCap } from './total.js';
