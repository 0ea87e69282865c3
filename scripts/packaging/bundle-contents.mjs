// What the built bundles hold, from esbuild's metafiles (app/dist/meta/*.json) and the renderer's
// source maps: which inputs load at start (the entry and the chunks it imports statically) and
// which load only on demand (dynamic imports), and whether anything dev-only got in.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * @param {string} metaFile esbuild metafile of one entry
 * @returns {{ entry: string, atStart: Set<string>, inputsAtStart: Set<string>, externalsAtStart: Set<string>, inputs: Set<string>, outputs: string[] }}
 */
export function entryClosure(metaFile) {
  const meta = JSON.parse(readFileSync(metaFile, 'utf8'));
  const outputs = Object.entries(meta.outputs).filter(([name]) => !name.endsWith('.map'));
  const entry = outputs.find(([, o]) => o.entryPoint)?.[0];
  if (!entry) throw new Error(`${metaFile}: no entry point`);
  const byName = new Map(outputs);
  const atStart = new Set();
  const externalsAtStart = new Set();
  const queue = [entry];
  while (queue.length) {
    const name = queue.shift();
    if (atStart.has(name)) continue;
    atStart.add(name);
    for (const imp of byName.get(name)?.imports ?? []) {
      if (imp.kind !== 'import-statement' && imp.kind !== 'require-call') continue;
      if (byName.has(imp.path)) queue.push(imp.path);
      else if (imp.external) externalsAtStart.add(imp.path);
    }
  }
  const inputsOf = (names) => new Set([...names].flatMap((n) => Object.keys(byName.get(n)?.inputs ?? {})));
  return { entry, atStart, inputsAtStart: inputsOf(atStart), externalsAtStart, inputs: inputsOf(byName.keys()), outputs: [...byName.keys()] };
}

/** Sources (relative to the project) listed by the source maps of the renderer's shipped scripts. */
export function rendererSources(root) {
  const assets = join(root, 'app', 'dist', 'renderer', 'assets');
  if (!existsSync(assets)) return new Set();
  const sources = new Set();
  for (const file of readdirSync(assets).filter((f) => f.endsWith('.js.map'))) {
    const map = JSON.parse(readFileSync(join(assets, file), 'utf8'));
    for (const source of map.sources ?? []) sources.add(relative(root, join(assets, source)).replace(/\\/g, '/'));
  }
  return sources;
}

/**
 * Dev-only inputs: test doubles and development aids (renderer/src/dev, test/), and packages that
 * are only development dependencies.
 * @param {Iterable<string>} inputs paths relative to the project (or with node_modules/ inside)
 * @param {string[]} devOnlyPackages
 */
export function devOnlyInputs(inputs, devOnlyPackages) {
  const packages = new Set(devOnlyPackages);
  return [...inputs].filter((input) => {
    const path = input.replace(/\\/g, '/');
    if (/(^|\/)(renderer\/src\/dev|test|tests|__tests__)\//.test(path) && !path.includes('node_modules/')) return true;
    const m = path.match(/node_modules\/((@[^/]+\/)?[^/]+)\//g)?.at(-1)?.match(/node_modules\/((@[^/]+\/)?[^/]+)\//);
    return m ? packages.has(m[1]) : false;
  });
}
