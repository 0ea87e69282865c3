// `npm start`: the desktop console. With no Amazon account linked it starts in demo mode.
// Where Electron's binary is not installed (e.g. a build server), it runs the same console in
// headless mode and prints the address to open in a browser.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ensureBuilt } from './ensure-built.mjs';

ensureBuilt();

let electronBinary = null;
try {
  electronBinary = createRequire(import.meta.url)('electron');
} catch {
  electronBinary = null;
}

if (typeof electronBinary === 'string' && existsSync(electronBinary)) {
  const child = spawn(electronBinary, ['app', ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
} else {
  process.stderr.write('Electron is not installed here: starting the console in headless mode; open the "ui" address below in Chrome or Edge.\n');
  await import('./headless.mjs');
}
