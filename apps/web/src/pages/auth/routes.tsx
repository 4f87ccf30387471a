import type { RouteObject } from 'react-router';

/** The auth pages, each loaded on first visit (route-level code splitting). */
export const authRoutes: RouteObject[] = [
  { path: 'sign-in', lazy: async () => ({ Component: (await import('./SignInPage')).SignInPage }) },
  {
    path: 'sign-in/link',
    lazy: async () => ({ Component: (await import('./LinkAccountPage')).LinkAccountPage }),
  },
  { path: 'register', lazy: async () => ({ Component: (await import('./RegisterPage')).RegisterPage }) },
  { path: 'verify', lazy: async () => ({ Component: (await import('./VerifyPage')).VerifyPage }) },
  { path: 'recover', lazy: async () => ({ Component: (await import('./RecoverPage')).RecoverPage }) },
];
