import type { RouteObject } from 'react-router';

/** The moderation pages, each loaded on first visit (route-level code splitting). */
export const moderationRoutes: RouteObject[] = [
  {
    path: 'moderation',
    lazy: async () => ({ Component: (await import('./ModerationQueuePage')).ModerationQueuePage }),
  },
  { path: 'moderation/:draftId', lazy: async () => ({ Component: (await import('./DraftPage')).DraftPage }) },
];
