import type { RouteObject } from 'react-router';

const profilePage = async (): Promise<{ Component: typeof import('./ProfilePage').ProfilePage }> => ({
  Component: (await import('./ProfilePage')).ProfilePage,
});

const postPage = async (): Promise<{ Component: typeof import('./PostPage').PostPage }> => ({
  Component: (await import('./PostPage')).PostPage,
});

/** The social pages, each loaded on first visit (route-level code splitting). */
export const socialRoutes: RouteObject[] = [
  { path: 'profiles/:userId', lazy: profilePage },
  { path: 'profiles/:userId/:tab', lazy: profilePage },
  { path: 'posts/:id', lazy: postPage },
];
