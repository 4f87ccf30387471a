import type { RouteObject } from 'react-router';

/** The market pages, each loaded on first visit (route-level code splitting). */
export const marketRoutes: RouteObject[] = [
  { path: 'listings', lazy: async () => ({ Component: (await import('./ListingsPage')).ListingsPage }) },
  {
    path: 'listings/new',
    lazy: async () => ({ Component: (await import('./NewListingPage')).NewListingPage }),
  },
  { path: 'listings/:id', lazy: async () => ({ Component: (await import('./ListingPage')).ListingPage }) },
  { path: 'cart', lazy: async () => ({ Component: (await import('./CartPage')).CartPage }) },
  { path: 'checkout', lazy: async () => ({ Component: (await import('./CheckoutPage')).CheckoutPage }) },
  { path: 'orders', lazy: async () => ({ Component: (await import('./OrdersPage')).OrdersPage }) },
  { path: 'orders/:id', lazy: async () => ({ Component: (await import('./OrderPage')).OrderPage }) },
];
