// Vite and Vitest configuration for the Kartoteka web UI (served by Tauri from ui/dist).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'safari15',
    // The CSP allows fonts and scripts from 'self' only: never inline assets as data: URLs.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    // Timestamps are shown in local time: pin the zone so the tests mean the same everywhere.
    env: { TZ: 'Europe/Warsaw' },
  },
});
