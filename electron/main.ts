/** Electron entry point (package.json `main` is dist/electron/main.js). */
import { startApp } from './app.main.js';

startApp();
