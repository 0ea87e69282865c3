// Which packages the code imports, against what package.json declares: every import of the product
// (main/, renderer/src/) is a runtime dependency, every dependency is imported, and every
// development dependency is used (imported by tests, scripts or configs, run by its command name,
// or the types of a package in use). A dependency nobody uses still ships, and still needs updates.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { join, relative } from 'node:path';

const require = createRequire(import.meta.url);
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
const BUILTINS = new Set(builtinModules);

/** @param {string} dir @returns {string[]} */
function sourceFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && SOURCE.test(e.name) && !e.parentPath.includes('node_modules'))
    .map((e) => join(e.parentPath, e.name));
}

/** The package an import specifier names, or null for relative paths and Node built-ins. */
export function packageOf(specifier) {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return null;
  const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
  return BUILTINS.has(name) ? null : name;
}

/** Packages imported (import, export from, import(), require) by the files under `dirs`. */
export function importedPackages(root, dirs) {
  const ts = require('typescript');
  /** @type {Map<string, string[]>} package -> files */
  const found = new Map();
  for (const dir of dirs) {
    const files = dir.endsWith('/') ? sourceFiles(join(root, dir)) : existsSync(join(root, dir)) ? [join(root, dir)] : [];
    for (const file of files) {
      const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
      for (const { fileName } of info.importedFiles) {
        const name = packageOf(fileName);
        if (name) found.set(name, [...(found.get(name) ?? []), relative(root, file)]);
      }
    }
  }
  return found;
}

/**
 * @param {string} root the project folder
 * @returns {{ name: string, ok: boolean, detail: string }[]} one verdict per rule
 */
export function checkDependencies(root) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const app = JSON.parse(readFileSync(join(root, 'app', 'package.json'), 'utf8'));
  const runtime = { ...pkg.dependencies, ...pkg.optionalDependencies };
  const dev = pkg.devDependencies ?? {};
  // Electron provides `electron` at run time; electron-builder wants it as a dev dependency.
  const providedByRuntime = new Set(['electron']);

  const product = importedPackages(root, ['main/', 'renderer/src/']);
  const tooling = importedPackages(root, ['test/', 'scripts/', 'build/', 'renderer/vite.config.ts', 'vitest.config.ts']);
  const commands = [...Object.values(pkg.scripts ?? {}), ...['.ci/run', ...sourceFiles(join(root, 'scripts')).map((f) => relative(root, f)), ...shellScripts(root), ...workflowFiles(root)]
    .filter((f) => existsSync(join(root, f)))
    .map((f) => readFileSync(join(root, f), 'utf8'))]
    .join('\n');

  const environments = vitestEnvironments(root);
  const undeclared = [...product.keys()].filter((name) => !(name in runtime) && !providedByRuntime.has(name));
  const unusedRuntime = Object.keys(runtime).filter((name) => !product.has(name));
  const used = (name) => {
    if (tooling.has(name) || product.has(name) || environments.has(name)) return true;
    if (name.startsWith('@types/')) {
      const typed = name.slice('@types/'.length).replace(/^(.+)__(.+)$/, '@$1/$2');
      return typed === 'node' || product.has(typed) || tooling.has(typed);
    }
    return commandsOf(root, name).some((bin) => new RegExp(`(^|[\\s/"'\`(])${bin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([\\s"'\`)]|$)`, 'm').test(commands));
  };
  const unusedDev = Object.keys(dev).filter((name) => !used(name));
  const inTooling = [...tooling.keys()].filter((name) => !(name in dev) && !(name in runtime) && !isTransitiveOfDeclared(root, name));
  const appMismatch = Object.entries({ ...app.dependencies, ...app.optionalDependencies }).filter(([name, version]) => runtime[name] !== version).map(([n, v]) => `${n}@${v}`);

  const list = (names) => names.join(', ');
  return [
    { name: 'every package the product imports is a dependency', ok: undeclared.length === 0, detail: undeclared.map((n) => `${n} (${product.get(n)?.[0]})`).join(', ') },
    { name: 'every dependency is imported by the product', ok: unusedRuntime.length === 0, detail: list(unusedRuntime) },
    { name: 'every dev dependency is used (imported, run, or typing a used package)', ok: unusedDev.length === 0, detail: list(unusedDev) },
    { name: 'tests and scripts import only declared packages', ok: inTooling.length === 0, detail: list(inTooling) },
    { name: "app/package.json's runtime modules are the root's, same versions", ok: appMismatch.length === 0, detail: list(appMismatch) },
  ];
}

function shellScripts(root) {
  return ['scripts', 'test'].flatMap((dir) =>
    readdirSync(join(root, dir), { recursive: true }).filter((f) => String(f).endsWith('.sh')).map((f) => `${dir}/${f}`),
  );
}

/** Test environments vitest loads by name (`// @vitest-environment jsdom`). */
function vitestEnvironments(root) {
  const names = new Set();
  for (const file of [...sourceFiles(join(root, 'test')), join(root, 'vitest.config.ts')].filter(existsSync)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/@vitest-environment\s+([\w-]+)|environment:\s*'([\w-]+)'/g)) names.add(m[1] ?? m[2]);
  }
  return names;
}

function workflowFiles(root) {
  const dir = join(root, '.github', 'workflows');
  return existsSync(dir) ? readdirSync(dir).map((f) => `.github/workflows/${f}`) : [];
}

/** The command names a package installs (its `bin`), else its own name. */
function commandsOf(root, name) {
  const manifest = join(root, 'node_modules', name, 'package.json');
  if (!existsSync(manifest)) return [name];
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8'));
  const names = typeof bin === 'string' ? [name.split('/').pop()] : Object.keys(bin ?? {});
  return [...names, name];
}

/** Packages that come with a declared one (e.g. playwright-core with @playwright/test) may be imported too. */
function isTransitiveOfDeclared(root, name) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  for (const declared of Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })) {
    const manifest = join(root, 'node_modules', declared, 'package.json');
    if (!existsSync(manifest)) continue;
    const { dependencies = {}, peerDependencies = {} } = JSON.parse(readFileSync(manifest, 'utf8'));
    if (name in dependencies || name in peerDependencies) return true;
  }
  return false;
}
