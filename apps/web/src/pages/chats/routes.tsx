import type { RouteObject } from 'react-router';

/** The chats pages, each loaded on first visit (route-level code splitting). */
export const chatsRoutes: RouteObject[] = [
  { path: 'chats', lazy: async () => ({ Component: (await import('./ChatsPage')).ChatsPage }) },
  { path: 'chats/:id', lazy: async () => ({ Component: (await import('./ChatPage')).ChatPage }) },
  {
    path: 'support',
    lazy: async () => ({ Component: (await import('./SupportQueuePage')).SupportQueuePage }),
  },
  {
    path: 'notifications',
    lazy: async () => ({ Component: (await import('./NotificationsPage')).NotificationsPage }),
  },
];
