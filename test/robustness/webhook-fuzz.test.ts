// Fuzzes the webhook of the built console (headless mode in its own process, a secret set, linked
// to an Alexa stand-in) with generated requests (./fuzz-requests.ts). Every request must get a
// reply that is not a 5xx, the console must keep taking calls afterwards, and its memory must not
// run away. FUZZ_REQUESTS and FUZZ_SEED set the run (`npm run robustness` runs a larger one); a
// JSON line reports the figures.
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeAlexa, type FakeAlexa } from '../bench/fake-alexa.js';
import { offerBody } from '../bench/webhook-client.js';
import { startHeadless, type Headless } from '../support/headless-process.js';
import { RequestFuzzer, type FuzzRequest } from './fuzz-requests.js';

const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 3_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_202);
const IN_FLIGHT = 8;
const SECRET = 'fuzz-webhook-secret-0123456789abcdef';
/** What the webhook may answer (DESIGN §3.1); anything else, a 5xx above all, is a finding. */
const EXPECTED = new Set([200, 400, 401, 403, 404, 405, 409, 413, 415]);

let alexa: FakeAlexa;
let desk: Headless;
const ringing = new Set<string>();

beforeAll(async () => {
  alexa = await startFakeAlexa((body) => {
    if (body.type?.endsWith('.CallRinging')) ringing.add(body.sessionId);
  });
  desk = await startHeadless(['--alexa-api', alexa.base, '--lwa-token-url', `${alexa.base}/auth/o2/token`], {
    DESK_LWA_CLIENT_ID: 'fuzz',
    DESK_LWA_CLIENT_SECRET: 'fuzz-client-secret',
    DESK_LWA_REFRESH_TOKEN: 'Atzr|fuzz',
    DESK_WEBHOOK_SECRET: SECRET,
  });
}, 30_000);

afterAll(async () => {
  if (desk.child.exitCode === null) await desk.stop();
  await alexa.close();
  rmSync(desk.dataDir, { recursive: true, force: true });
});

const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });

/** The reply's status, or 'closed' when the console ended the connection (e.g. after 413). */
function send(base: string, r: FuzzRequest): Promise<number | 'closed'> {
  return new Promise((resolve) => {
    const req = request(`${base}${r.path}`, { method: r.method, agent, headers: { ...r.headers, ...(r.body ? { 'Content-Length': String(r.body.length) } : {}) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(res.statusCode ?? 'closed'));
    });
    req.on('error', () => resolve('closed'));
    req.end(r.body ?? undefined);
  });
}

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024);
}

it(`answers ${REQUESTS} fuzzed requests without a 5xx, and keeps taking calls`, async () => {
  const fuzzer = new RequestFuzzer(SEED, SECRET);
  const counts = new Map<string, number>();
  const unexpected: { request: string; status: number | 'closed' }[] = [];
  const rssBefore = await rssMb(desk.child.pid!);
  const startedAt = performance.now();

  let sent = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (sent < REQUESTS) {
        sent++;
        const r = fuzzer.next();
        const status = await send(desk.webhook, r);
        counts.set(String(status), (counts.get(String(status)) ?? 0) + 1);
        if (status !== 'closed' && !EXPECTED.has(status)) {
          unexpected.push({ request: `${r.method} ${r.path.slice(0, 80)} ${r.body?.subarray(0, 200).toString() ?? ''}`, status });
        }
      }
    }),
  );
  const seconds = (performance.now() - startedAt) / 1000;

  // Still taking calls: an offer rings at Alexa.
  const health = await send(desk.webhook, { method: 'GET', path: '/health', headers: {}, body: null });
  const offer = await send(desk.webhook, { method: 'POST', path: '/offer', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${SECRET}` }, body: Buffer.from(JSON.stringify(offerBody('after-fuzz', 'room-after'))) });
  const deadline = Date.now() + 5_000;
  while (!ringing.has('after-fuzz') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const rssAfter = await rssMb(desk.child.pid!);

  console.log(
    JSON.stringify({
      fuzz: 'webhook',
      seed: SEED,
      requests: REQUESTS,
      seconds: +seconds.toFixed(1),
      statuses: Object.fromEntries([...counts].sort()),
      rss_before_mb: rssBefore,
      rss_after_mb: rssAfter,
    }),
  );
  expect(unexpected.slice(0, 5)).toEqual([]);
  expect(counts.get('closed') ?? 0).toBeLessThan(REQUESTS * 0.05); // only refusals of oversized bodies close early
  expect(health).toBe(200);
  expect(offer).toBe(200);
  expect(ringing.has('after-fuzz')).toBe(true);
  expect(desk.child.exitCode).toBeNull();
  expect(rssAfter).toBeLessThan(rssBefore + 200); // generous: a leak per request would pass this quickly
}, 120_000);
