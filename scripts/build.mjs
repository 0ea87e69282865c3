// Builds everything headless mode and the Electron app need into app/dist:
//   app/dist/headless.js   plain-Node entry (main/headless)
//   app/dist/main.js       Electron main entry (main/shell)
//   app/dist/preload.cjs   sandboxed preload (CommonJS, as Electron's sandbox requires)
//   app/dist/renderer/     the React renderer (Vite)
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}app/dist`;
const only = process.argv.slice(2); // e.g. `node scripts/build.mjs main` builds the main-process bundles only

// Native or Electron-provided modules stay outside the bundle; app/package.json lists them.
const external = ['electron', 'keytar', '@roamhq/wrtc'];
// ESM bundles that contain CommonJS dependencies need a real `require`.
const requireShim = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

const nodeEntries = [
  { in: 'main/headless/index.ts', out: 'headless.js', format: 'esm' },
  { in: 'main/shell/main.ts', out: 'main.js', format: 'esm' },
  { in: 'main/shell/preload.ts', out: 'preload.cjs', format: 'cjs' },
];

if (!only.length) rmSync(out, { recursive: true, force: true });

if (!only.length || only.includes('main')) {
  for (const entry of nodeEntries) {
    if (!existsSync(`${root}${entry.in}`)) continue;
    await esbuild({
      entryPoints: [`${root}${entry.in}`],
      outfile: `${out}/${entry.out}`,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: entry.format,
      external,
      sourcemap: 'linked',
      banner: entry.format === 'esm' ? { js: requireShim } : undefined,
      logLevel: 'warning',
    });
  }
}

if (!only.length || only.includes('renderer')) {
  await viteBuild({ configFile: `${root}renderer/vite.config.ts`, logLevel: 'warn' });
}
