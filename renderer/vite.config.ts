import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The page is loaded from a custom protocol in Electron and from `keytrail serve` in
 * browser mode, so every asset path is relative (`base: './'`) and nothing is inlined
 * as a script (the CSP is `script-src 'self'`).
 */
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Chromium (Electron and Debian's) supports modulepreload natively.
    modulePreload: { polyfill: false },
  },
});
