// `npm start`: the desktop console. With no Amazon account linked it starts in demo mode.
// Electron's binary is downloaded on first use (once: a failed download is not retried on every
// start). Where it is not available (a server, a CI machine, no access to its download host) the
// same console runs in headless mode: one plain line says why, then the address to open (opened
// in the default browser when there is a desktop).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './ensure-built.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const electronDir = `${root}node_modules/electron`;
const failedMarker = `${electronDir}/.download-failed`;
const args = process.argv.slice(2);

ensureBuilt();
const electron = findElectron();
if (electron.binary) startDesktop(electron.binary);
else startInBrowser(electron.reason);

/** The Electron binary, downloading it once if it was never tried; else why there is none. */
function findElectron() {
  if (!existsSync(`${electronDir}/package.json`)) return { reason: 'Electron is not installed' };
  const installed = () => {
    const pathFile = `${electronDir}/path.txt`;
    const binary = existsSync(pathFile) ? `${electronDir}/dist/${readFileSync(pathFile, 'utf8').trim()}` : null;
    return binary && existsSync(binary) ? binary : null;
  };
  if (installed()) return { binary: installed() };
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return { reason: "Electron's binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD is set)" };
  if (existsSync(failedMarker)) return { reason: readFileSync(failedMarker, 'utf8').trim() };

  process.stderr.write("Downloading Electron's binary (once)…\n");
  const download = spawnSync(process.execPath, [`${electronDir}/install.js`], { encoding: 'utf8', timeout: 300_000 });
  if (download.status === 0 && installed()) return { binary: installed() };
  const output = `${download.stdout ?? ''}${download.stderr ?? ''}`;
  const cause = output.match(/(?:Error|TypeError|RequestError|HTTPError):\s*([^\n]+)/)?.[1] ?? (download.error ? download.error.message : `exit code ${download.status}`);
  const reason = `Electron's binary could not be downloaded (${cause.trim().slice(0, 120)})`;
  writeFileSync(failedMarker, `${reason}\n`);
  return { reason };
}

function startDesktop(binary) {
  // Native modules (keytar, @roamhq/wrtc) must be built for Electron, in app/node_modules.
  if (!existsSync(`${root}app/node_modules`)) {
    process.stderr.write("First desktop run: installing the app's native modules for Electron…\n");
    const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
    const result = spawnSync(npx, ['electron-builder', 'install-app-deps'], { cwd: root, stdio: ['ignore', process.stderr, process.stderr], shell: process.platform === 'win32' });
    if (result.status !== 0) process.stderr.write('Could not build them: the keychain may be unavailable in this run.\n');
  }
  const child = spawn(binary, [`${root}app`, ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}

function startInBrowser(reason) {
  const retry = existsSync(failedMarker) ? '; `npx install-electron` tries again' : '';
  process.stdout.write(`No desktop window here: ${reason}${retry}. The same console runs in your browser instead.\n`);
  const child = spawn(process.execPath, [`${root}scripts/headless.mjs`, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (!line.startsWith('DESK_READY ')) return void process.stdout.write(`${line}\n`);
    const { ui } = JSON.parse(line.slice('DESK_READY '.length));
    process.stdout.write(`Open ${ui} in Chrome or Edge.\n`);
    openInBrowser(ui);
  });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}

/** Opens the address in the default browser when this machine has a desktop; quietly does nothing otherwise. */
function openInBrowser(url) {
  const desktop = process.platform === 'win32' || process.platform === 'darwin' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (!desktop || process.env.CI) return;
  const [cmd, cmdArgs] =
    process.platform === 'win32' ? ['rundll32', ['url.dll,FileProtocolHandler', url]] : process.platform === 'darwin' ? ['open', [url]] : ['xdg-open', [url]];
  const opener = spawn(cmd, cmdArgs, { stdio: 'ignore', detached: true });
  opener.on('error', () => {}); // no opener installed: the address is printed above
  opener.unref();
}
