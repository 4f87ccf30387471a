import type { RouteObject } from 'react-router';

/** The chats pages, each loaded on first visit (route-level code splitting). */
export const chatsRoutes: RouteObject[] = [];
