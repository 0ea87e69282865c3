// Bundle and start-up benchmarks (npm run bench): prints one JSON line per measurement.
//  - bundle-size: bytes of the headless and Electron main bundles that load at start (the entry
//    and the chunks it imports statically), what loads only in demo mode, and the renderer's
//    scripts, from the build in app/dist.
//  - headless-start: from spawning `node app/dist/headless.js` (linked, against a minimal Alexa
//    side, a fresh data folder each time) to its DESK_READY line, p50/max over 15 starts; and the
//    same in demo mode (the simulator and its WebRTC module load too). Also the CPU time the
//    process used until then (Linux /proc, 10 ms ticks): on a busy machine the wall time mostly
//    measures the other processes, the CPU time what start-up costs.
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { entryClosure } from '../../scripts/packaging/bundle-contents.mjs';
import { startHeadless } from '../support/headless-process.js';
import { startFakeAlexa } from './fake-alexa.js';
import { ms, percentile } from './percentile.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const kb = (bytes: number) => Math.round(bytes / 1024);
const size = (files: Iterable<string>) => [...files].reduce((sum, f) => sum + statSync(join(root, f)).size, 0);

function bundleSizes(): void {
  const out: Record<string, unknown> = { bench: 'bundle-size' };
  for (const name of ['headless', 'main'] as const) {
    const bundle = entryClosure(join(root, 'app', 'dist', 'meta', `${name}.json`));
    out[`${name}_at_start_kb`] = kb(size(bundle.atStart));
    out[`${name}_on_demand_kb`] = kb(size(bundle.outputs.filter((o) => !bundle.atStart.has(o))));
  }
  const assets = join(root, 'app', 'dist', 'renderer', 'assets');
  out.renderer_js_kb = kb(size(readdirSync(assets).filter((f) => f.endsWith('.js')).map((f) => join('app', 'dist', 'renderer', 'assets', f))));
  console.log(JSON.stringify(out));
}

async function startTimes(mode: 'linked' | 'demo', runs: number): Promise<void> {
  const alexa = await startFakeAlexa(() => {});
  const args = mode === 'demo' ? ['--demo'] : ['--alexa-api', alexa.base, '--lwa-token-url', `${alexa.base}/auth/o2/token`];
  const env: Record<string, string> = mode === 'demo' ? {} : { DESK_LWA_CLIENT_ID: 'bench', DESK_LWA_CLIENT_SECRET: 'bench', DESK_LWA_REFRESH_TOKEN: 'Atzr|bench' };
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const t0 = performance.now();
    const desk = await startHeadless(args, env);
    const t = performance.now() - t0;
    const used = cpuMs(desk.child.pid);
    if (i > 0) {
      times.push(t); // the first run warms the file cache
      if (used !== null) cpu.push(used);
    }
    await desk.stop();
    rmSync(desk.dataDir, { recursive: true, force: true });
  }
  await alexa.close();
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  console.log(JSON.stringify({ bench: 'headless-start', mode, n: times.length, p50_ms: ms(percentile(times, 50)), max_ms: ms(times.at(-1)!), ...(cpu.length && { cpu_p50_ms: percentile(cpu, 50) }) }));
}

/** User + system CPU time of a process so far, from /proc (Linux); null elsewhere. */
function cpuMs(pid: number | undefined): number | null {
  const stat = `/proc/${pid}/stat`;
  if (!pid || !existsSync(stat)) return null;
  const fields = readFileSync(stat, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in 100 Hz ticks
}

bundleSizes();
await startTimes('linked', 15);
await startTimes('demo', 15);
