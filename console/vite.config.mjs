import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// Served by the API server at /admin (src/admin-console.ts). No plugin: the
// bundler's own JSX transform is enough, and no inline script is emitted, so
// the strict Content-Security-Policy holds.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/admin/',
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    sourcemap: false,
    assetsInlineLimit: 0,
  },
  esbuild: { jsx: 'automatic' },
});
