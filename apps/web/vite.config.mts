import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Built to dist/web and served by the gateway from its own origin (ADR 0080).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  // `npm run web:dev` (hot reload) forwards the API to the gateway `npm start` runs, so it stays same-origin.
  server: { proxy: { '/v1': `http://127.0.0.1:${process.env['GATEWAY_HTTP_PORT'] ?? 3000}` } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    // Vite's module preload polyfill is an inline script; the CSP allows scripts from 'self' only.
    modulePreload: { polyfill: false },
    sourcemap: true,
  },
});
