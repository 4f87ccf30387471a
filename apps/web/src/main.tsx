import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { SessionProvider } from './api/session';
import { routes } from './app/routes';
import { setUpI18n } from './i18n/i18n';
import './styles.css';

await setUpI18n();
const router = createBrowserRouter(routes);
const root = document.getElementById('root');
if (!root) {
  throw new Error('index.html lacks #root');
}
createRoot(root).render(
  <StrictMode>
    <SessionProvider>
      <RouterProvider router={router} />
    </SessionProvider>
  </StrictMode>,
);
