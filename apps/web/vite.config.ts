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
    rollupOptions: {
      onwarn(warning, warn) {
        // zod 4 places `@__PURE__` comments where Rollup cannot use them. Rollup drops the
        // comments and the bundle is unaffected, so the warning is noise on every build.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('/zod/')) return;
        warn(warning);
      },
    },
  },
});
