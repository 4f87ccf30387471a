import type { RouteObject } from 'react-router';

/** The moderation pages, each loaded on first visit (route-level code splitting). */
export const moderationRoutes: RouteObject[] = [];
