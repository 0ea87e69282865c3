// `npm start`: the desktop console. With no Amazon account linked it starts in demo mode.
// Where Electron's binary is not installed (e.g. a build server), it runs the same console in
// headless mode and prints the address to open in a browser.
import { spawn, spawnSync } from 'node:child_process';
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
  // Native modules (keytar, @roamhq/wrtc) must be built for Electron, in app/node_modules.
  if (!existsSync(new URL('../app/node_modules', import.meta.url))) {
    process.stderr.write('First desktop run: installing the app\'s native modules for Electron…\n');
    const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
    const result = spawnSync(npx, ['electron-builder', 'install-app-deps'], { stdio: ['ignore', process.stderr, process.stderr], shell: process.platform === 'win32' });
    if (result.status !== 0) process.stderr.write('Could not build them: the keychain may be unavailable in this run.\n');
  }
  const child = spawn(electronBinary, ['app', ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
} else {
  process.stderr.write('Electron is not installed here: starting the console in headless mode; open the "ui" address below in Chrome or Edge.\n');
  await import('./headless.mjs');
}
