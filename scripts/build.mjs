// Builds everything headless mode and the Electron app need into app/dist:
//   app/dist/headless.js   plain-Node entry (main/headless)
//   app/dist/main.js       Electron main entry (main/shell)
//   app/dist/<entry>-*.js  chunks loaded on demand, e.g. the demo simulator (and its native WebRTC
//                          module) only when demo mode starts
//   app/dist/preload.cjs   sandboxed preload (CommonJS, as Electron's sandbox requires)
//   app/dist/renderer/     the React renderer (Vite)
//   app/dist/meta/         esbuild's metafiles: what each bundle holds (scripts/check-packaging.mjs)
// Bundles are minified; linked source maps stay beside them (never in the installers).
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}app/dist`;
const only = process.argv.slice(2); // e.g. `node scripts/build.mjs main` builds the main-process bundles only

// Native or Electron-provided modules stay outside the bundle; app/package.json lists them.
const external = ['electron', 'keytar', '@roamhq/wrtc'];
// ESM bundles that contain CommonJS dependencies need a real `require`.
const requireShim = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/**
 * Modules that conf (under electron-store) imports but only uses for options we never pass:
 * JSON-schema validation (`schema`: settings are validated with zod in main/store) and version
 * migrations (`migrations`: ours are in main/store/settings-schema.ts). Left out of the bundle; a
 * call into one of them fails loudly instead of silently doing nothing.
 */
const UNUSED_AT_RUN_TIME = ['ajv', 'ajv-formats', 'semver'];
const leaveOutUnused = {
  name: 'leave-out-unused',
  setup(build) {
    const filter = new RegExp(`^(${UNUSED_AT_RUN_TIME.join('|')})(/.*)?$`);
    build.onResolve({ filter }, (args) =>
      /[\\/]node_modules[\\/]conf[\\/]/.test(args.importer) ? { path: args.path, namespace: 'unused-at-run-time' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'unused-at-run-time' }, (args) => ({
      contents: `const fail = () => { throw new Error(${JSON.stringify(`${args.path} is not bundled: settings are validated and migrated in main/store`)}); };
        export default new Proxy(fail, { get: () => fail, construct: fail });
        export const Ajv2020 = fail;`,
      loader: 'js',
    }));
  },
};

const nodeEntries = [
  { in: 'main/headless/index.ts', name: 'headless', format: 'esm' },
  { in: 'main/shell/main.ts', name: 'main', format: 'esm' },
  { in: 'main/shell/preload.ts', name: 'preload', format: 'cjs' },
];

if (!only.length) rmSync(out, { recursive: true, force: true });

if (!only.length || only.includes('main')) {
  if (existsSync(out)) for (const f of readdirSync(out)) if (/^(headless|main)-.*\.js(\.map)?$/.test(f)) rmSync(`${out}/${f}`); // old chunks
  mkdirSync(`${out}/meta`, { recursive: true });
  for (const entry of nodeEntries) {
    if (!existsSync(`${root}${entry.in}`)) continue;
    const esm = entry.format === 'esm';
    const result = await esbuild({
      entryPoints: { [entry.name]: `${root}${entry.in}` },
      outdir: out,
      outExtension: esm ? undefined : { '.js': '.cjs' },
      // Dynamic imports become chunks of their own: the simulator loads only in demo mode.
      splitting: esm,
      chunkNames: `${entry.name}-[name]-[hash]`,
      bundle: true,
      minify: true,
      platform: 'node',
      target: 'node20',
      format: entry.format,
      external,
      plugins: [leaveOutUnused],
      sourcemap: 'linked',
      metafile: true,
      banner: esm ? { js: requireShim } : undefined,
      logLevel: 'warning',
    });
    writeFileSync(`${out}/meta/${entry.name}.json`, JSON.stringify(result.metafile));
  }
}

if (!only.length || only.includes('renderer')) {
  await viteBuild({ configFile: `${root}renderer/vite.config.ts`, logLevel: 'warn' });
}
