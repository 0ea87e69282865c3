// `npm run headless -- [flags]`: build if needed, then run headless mode in this process.
import { ensureBuilt } from './ensure-built.mjs';

ensureBuilt();
await import('../app/dist/headless.js');
