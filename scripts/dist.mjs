// `npm run dist -- [electron-builder flags]`: builds, then makes the installers for this machine's
// OS and CPU (release/). Electron 45's packaging tooling needs Node 22.12 or newer; the tests and
// headless mode also run on Node 20.19+.
import { spawnSync } from 'node:child_process';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(`Building installers needs Node 22.12 or newer (Electron 45's tooling); this is Node ${process.versions.node}.`);
  process.exit(1);
}
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const shell = process.platform === 'win32';
for (const [cmd, args] of [
  [npm, ['run', 'build']],
  [npx, ['electron-builder', '--publish', 'never', ...process.argv.slice(2)]],
]) {
  const { status } = spawnSync(cmd, args, { stdio: 'inherit', shell });
  if (status !== 0) process.exit(status ?? 1);
}
