/**
 * The most items a page of a service-to-service snapshot route (`/internal/offers`, `/internal/items`) holds:
 * the largest `limit` such a route takes.
 */
export const SNAPSHOT_MAX_LIMIT = 1000;
