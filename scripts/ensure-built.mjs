// Builds app/dist when it is missing or older than the sources, so `npm start` and
// `npm run headless` work straight after cloning. Build output goes to stderr.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outputs = ['app/dist/headless.js', 'app/dist/main.js', 'app/dist/renderer/index.html'].map((p) => root + p);

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

export function ensureBuilt() {
  const built = outputs.every((p) => existsSync(p));
  const stale = built && Math.max(newest(root + 'main'), newest(root + 'renderer/src')) > Math.min(...outputs.map((p) => statSync(p).mtimeMs));
  if (built && !stale) return;
  process.stderr.write(built ? 'Sources changed: rebuilding…\n' : 'First run: building the console…\n');
  const result = spawnSync(process.execPath, [root + 'scripts/build.mjs'], { stdio: ['ignore', process.stderr, process.stderr] });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
