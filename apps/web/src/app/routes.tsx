import type { RouteObject } from 'react-router';
import { authRoutes } from '../pages/auth/routes';
import { catalogRoutes } from '../pages/catalog/routes';
import { chatsRoutes } from '../pages/chats/routes';
import { homeRoutes } from '../pages/home/routes';
import { marketRoutes } from '../pages/market/routes';
import { moderationRoutes } from '../pages/moderation/routes';
import { socialRoutes } from '../pages/social/routes';
import { Layout, NotFoundPage } from './Layout';

/** Every page under the one layout; each area owns its routes (pages/<area>/routes.tsx). */
export const routes: RouteObject[] = [
  {
    path: '/',
    Component: Layout,
    children: [
      ...homeRoutes,
      ...authRoutes,
      ...catalogRoutes,
      ...marketRoutes,
      ...socialRoutes,
      ...chatsRoutes,
      ...moderationRoutes,
      { path: '*', Component: NotFoundPage },
    ],
  },
];
