import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react-swc';
import { defineConfig } from 'vitest/config';
import { precompress } from './precompress.ts';
import { workspaceFiles } from './workspace-files.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
// The API the dev server forwards to (npm start / npm run start:api listen on 3000 by default).
const apiUrl = process.env.TANDEM_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  root,
  plugins: [react(), workspaceFiles(), precompress()],
  resolve: {
    // The server's pure cadence code (luxon only), reused for the new-engagement preview.
    // and the password rule the API applies (no dependencies), so the forms tell before submitting.
    alias: [
      { find: /^#tandem\/scheduling$/, replacement: fileURLToPath(new URL('../../libs/scheduling/src/index.ts', import.meta.url)) },
      { find: /^#tandem\/passwords$/, replacement: fileURLToPath(new URL('../../libs/passwords/src/index.ts', import.meta.url)) },
    ],
  },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    // Maps are written for debugging on the server but not referenced from the bundles,
    // and the API does not serve them (serve-web-app.ts).
    sourcemap: 'hidden',
    chunkSizeWarningLimit: 800,
    // Brotli at its highest level takes seconds after the bundle is written: expected, not a warning.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: {
    port: 5173,
    proxy: Object.fromEntries(
      ['/graphql', '/health', '/unsubscribe', '/check-in'].map((path) => [path, { target: apiUrl, changeOrigin: true }]),
    ),
  },
  test: {
    root,
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    restoreMocks: true,
    // A guard against hangs, not a timing: jsdom pages take seconds on a loaded 2-core machine.
    testTimeout: 30_000,
  },
});
