import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The server's admin API, SCIM routes and OAuth2 token route; the dev server forwards to it.
const serverUrl = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  resolve: {
    // Workspace packages export their TypeScript sources under `@scimflow/source`, so the
    // designer bundles the sources instead of a possibly stale build.
    conditions: ['@scimflow/source', 'module', 'browser', 'development|production'],
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': serverUrl,
      '/scim': serverUrl,
      '/oauth2': serverUrl,
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
});
