import type { RouteObject } from 'react-router';

/** The catalog pages, each loaded on first visit (route-level code splitting). */
export const catalogRoutes: RouteObject[] = [
  { path: 'coffees', lazy: async () => ({ Component: (await import('./ItemListPage')).CoffeesPage }) },
  { path: 'coffees/:id', lazy: async () => ({ Component: (await import('./ItemCardPage')).CoffeePage }) },
  { path: 'watches', lazy: async () => ({ Component: (await import('./ItemListPage')).WatchesPage }) },
  { path: 'watches/:id', lazy: async () => ({ Component: (await import('./ItemCardPage')).WatchPage }) },
  { path: 'mechanisms', lazy: async () => ({ Component: (await import('./ItemListPage')).MechanismsPage }) },
  {
    path: 'mechanisms/:id',
    lazy: async () => ({ Component: (await import('./ItemCardPage')).MechanismPage }),
  },
];
