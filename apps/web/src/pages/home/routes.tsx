import type { RouteObject } from 'react-router';

/** The home page, loaded on first visit (route-level code splitting). */
export const homeRoutes: RouteObject[] = [
  { index: true, lazy: async () => ({ Component: (await import('./HomePage')).HomePage }) },
];
