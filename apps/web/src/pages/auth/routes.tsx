import type { RouteObject } from 'react-router';

/** The auth pages, each loaded on first visit (route-level code splitting). */
export const authRoutes: RouteObject[] = [];
