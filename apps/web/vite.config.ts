// The web app's build (`node scripts/build.mjs` runs it into dist/web) and its dev server with hot reload
// (`npm run web:dev`), which proxies /api and /ws to a running platform (`npm start`, or AGORA_API_URL).
import react from '@vitejs/plugin-react';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type ProxyOptions } from 'vite';
import { jsBudget } from './js-budget.js';

const webRoot = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(webRoot, '../..');
/** Initial JavaScript (entry chunk and what it imports statically), gzipped: the budget. */
export const INITIAL_JS_BUDGET_BYTES = 200 * 1024;

function proxyTo(target: string, ws: boolean): ProxyOptions {
  return {
    target,
    ws,
    changeOrigin: true,
    // The platform accepts the session cookie on the socket only from PUBLIC_URL's origin (no cross-site
    // WebSocket hijacking); the dev server stands in for that origin.
    configure: (proxy) => {
      proxy.on('proxyReq', (request) => request.setHeader('origin', target));
      proxy.on('proxyReqWs', (request) => request.setHeader('origin', target));
    },
  };
}

export default defineConfig(() => {
  const api = process.env['AGORA_API_URL'] ?? 'http://127.0.0.1:8080';
  return {
    root: webRoot,
    base: '/',
    plugins: [react(), jsBudget(INITIAL_JS_BUDGET_BYTES)],
    resolve: {
      alias: {
        '@agora/client': path.join(repoRoot, 'clients/typescript/src/index.ts'),
        // Which return paths the services accept after a sign-in: one rule on both sides.
        '@agora/contracts/web-return-path': path.join(
          repoRoot,
          'libs/contracts/src/gateway/web-return-path.ts',
        ),
      },
    },
    build: {
      outDir: path.join(repoRoot, 'dist/web'),
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: true,
      reportCompressedSize: false,
    },
    server: {
      host: '127.0.0.1',
      port: 5173,
      proxy: { '/api': proxyTo(api, false), '/ws': proxyTo(api, true) },
    },
  };
});
