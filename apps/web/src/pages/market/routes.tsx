import type { RouteObject } from 'react-router';

/** The market pages, each loaded on first visit (route-level code splitting). */
export const marketRoutes: RouteObject[] = [];
