import type { RouteObject } from 'react-router';

/** The catalog pages, each loaded on first visit (route-level code splitting). */
export const catalogRoutes: RouteObject[] = [];
