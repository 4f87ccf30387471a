import type { RouteObject } from 'react-router';

/** The social pages, each loaded on first visit (route-level code splitting). */
export const socialRoutes: RouteObject[] = [];
