// Signaling benchmarks (npm run bench): prints one JSON line per measurement.
// The console runs as its own process (headless mode, one core), so the load generator and the
// Alexa side in this process do not compete with it.
//  - offer-to-ringing: from a webhook POST /offer leaving the client to the console's CallRinging
//    arriving at the Alexa side, p50/p99 over 1,000 offers, one at a time (both loopback HTTP hops
//    included, so this is an upper bound of what the console adds). Goal p99 < 5 ms.
//  - webhook-throughput: events per second the webhook accepts (offer + end per call, 32 in
//    flight) while every CallRinging/CallEnded goes to the Alexa side. Goal >= 1,000/s.
//  - ui-pushes-at-350-calls-per-s: what main pushes to a window while 350 calls a second come
//    and go (offer + end each) for 5 s: pushes, KB per push (average, largest), KB/s. Goal: a
//    push carries what changed.
//  - offer-to-ringing-while-saving: offer → CallRinging as above, one offer every 10 ms for 8 s,
//    while a window saves a room edit every 250 ms, with 0, 500, 2,500 and 4,900 rooms in the
//    directory; also how long each save took (the saveRoom command, round trip). Goal p99 < 5 ms
//    whatever is being saved; a save's cost flat in the room count.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BridgeClient, startHeadless } from '../support/headless-process.js';
import { startFakeAlexa } from './fake-alexa.js';
import { ms, percentile } from './percentile.js';
import { startPushMeter } from './push-meter.js';
import { offerBody, postWebhook } from './webhook-client.js';

const LINKED = { DESK_LWA_CLIENT_ID: 'bench', DESK_LWA_CLIENT_SECRET: 'bench', DESK_LWA_REFRESH_TOKEN: 'Atzr|bench' };

async function main(): Promise<void> {
  const waiting = new Map<string, () => void>();
  const alexa = await startFakeAlexa((body) => {
    if (body.type.endsWith('.CallRinging')) waiting.get(body.sessionId)?.();
  });
  const desk = await startHeadless(['--alexa-api', alexa.base, '--lwa-token-url', `${alexa.base}/auth/o2/token`], {
    DESK_LWA_CLIENT_ID: 'bench',
    DESK_LWA_CLIENT_SECRET: 'bench',
    DESK_LWA_REFRESH_TOKEN: 'Atzr|bench',
  });
  const post = (path: string, body: unknown) => postWebhook(desk.webhook, path, body);
  const offer = (sessionID: string) => offerBody(sessionID, `room-${sessionID}`);

  // Warm up connections and the JIT.
  for (let i = 0; i < 50; i++) {
    const sid = `warm-${i}`;
    const ringing = new Promise<void>((r) => waiting.set(sid, r));
    await post('/offer', offer(sid));
    await ringing;
    await post('/end', { sessionId: sid });
  }

  const latencies: number[] = [];
  for (let i = 0; i < 1_000; i++) {
    const sid = `lat-${i}`;
    const ringing = new Promise<number>((r) => waiting.set(sid, () => r(performance.now())));
    const t0 = performance.now();
    await post('/offer', offer(sid));
    latencies.push((await ringing) - t0);
    waiting.delete(sid);
    await post('/end', { sessionId: sid });
  }
  latencies.sort((a, b) => a - b);
  console.log(JSON.stringify({ bench: 'offer-to-ringing', n: latencies.length, p50_ms: ms(percentile(latencies, 50)), p99_ms: ms(percentile(latencies, 99)), goal_p99_ms: 5 }));

  const calls = 2_000;
  let next = 0;
  let events = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < calls) {
        const sid = `tp-${next++}`;
        const a = await post('/offer', offer(sid));
        const b = await post('/end', { sessionId: sid });
        if (a.ok && b.ok) events += 2;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1_000;
  console.log(JSON.stringify({ bench: 'webhook-throughput', events, seconds: +seconds.toFixed(3), events_per_s: Math.round(events / seconds), goal_events_per_s: 1_000 }));

  await desk.stop();
  await alexa.close();
  rmSync(desk.dataDir, { recursive: true, force: true });
}

function summary(samples: number[]): { n: number; p50_ms: number; p99_ms: number; max_ms: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50_ms: ms(percentile(sorted, 50)), p99_ms: ms(percentile(sorted, 99)), max_ms: ms(sorted.at(-1) ?? 0) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function roomsFile(count: number): string {
  const rooms = Array.from({ length: count }, (_, i) => ({ id: `r${i}`, name: `Room ${i}`, floor: String(Math.floor(i / 100) + 1), address: `echo-${i}`, addressType: 'RAW_ADDRESS' }));
  const file = join(mkdtempSync(join(tmpdir(), 'desk-bench-rooms-')), 'rooms.json');
  writeFileSync(file, JSON.stringify(rooms));
  return file;
}

async function pushesUnderLoad(): Promise<void> {
  const alexa = await startFakeAlexa(() => undefined);
  const desk = await startHeadless(['--alexa-api', alexa.base, '--lwa-token-url', `${alexa.base}/auth/o2/token`], LINKED);
  const meter = await startPushMeter(desk.ui);
  const post = (path: string, body: unknown) => postWebhook(desk.webhook, path, body);
  const perSecond = 350;
  const total = perSecond * 5;
  const sent: Promise<unknown>[] = [];
  meter.reset();
  const t0 = performance.now();
  for (let i = 0; i < total; i++) {
    const wait = t0 + (i * 1000) / perSecond - performance.now();
    if (wait > 0) await sleep(wait);
    const sid = `push-${i}`;
    sent.push(post('/offer', offerBody(sid, `room-${i}`)).then(() => post('/end', { sessionId: sid })));
  }
  await Promise.all(sent);
  await sleep(200); // the last push
  const seconds = (performance.now() - t0) / 1000;
  console.log(JSON.stringify({ bench: 'ui-pushes-at-350-calls-per-s', calls_per_s: Math.round(total / seconds), ...meter.read() }));
  meter.close();
  await desk.stop();
  await alexa.close();
  rmSync(desk.dataDir, { recursive: true, force: true });
}

async function ringingWhileSaving(rooms: number): Promise<void> {
  const waiting = new Map<string, () => void>();
  const alexa = await startFakeAlexa((body) => {
    if (body.type.endsWith('.CallRinging')) waiting.get(body.sessionId)?.();
  });
  const file = rooms ? roomsFile(rooms) : null;
  const desk = await startHeadless(['--alexa-api', alexa.base, '--lwa-token-url', `${alexa.base}/auth/o2/token`, ...(file ? ['--rooms', file] : [])], LINKED);
  const bridge = await BridgeClient.connect(desk.ui);
  const post = (path: string, body: unknown) => postWebhook(desk.webhook, path, body);
  const oneOffer = async (sid: string) => {
    const ringing = new Promise<number>((r) => waiting.set(sid, () => r(performance.now())));
    const start = performance.now();
    await post('/offer', offerBody(sid, `caller-${sid}`));
    const latency = (await ringing) - start;
    waiting.delete(sid);
    await post('/end', { sessionId: sid });
    return latency;
  };
  for (let i = 0; i < 50; i++) await oneOffer(`warm-${i}`);

  // A window edits a room every 250 ms (in the middle of the directory; with none, it adds one).
  const saves: number[] = [];
  let saving = true;
  const editor = (async () => {
    for (let n = 0; saving; n++) {
      const id = rooms ? `r${Math.floor(rooms / 2)}` : 'r0';
      const room = { id, name: `Room ${id} (${n})`, address: `echo-${rooms ? Math.floor(rooms / 2) : 0}`, addressType: 'RAW_ADDRESS' as const };
      const start = performance.now();
      const result = await bridge.invoke('saveRoom', { room, previousId: n > 0 || rooms ? id : null });
      saves.push(performance.now() - start);
      if (!result.ok) throw new Error(`saveRoom: ${result.error}`);
      await sleep(250);
    }
  })();
  const latencies: number[] = [];
  const t0 = performance.now();
  for (let i = 0; performance.now() - t0 < 8_000; i++) {
    const due = t0 + i * 10;
    if (due > performance.now()) await sleep(due - performance.now());
    latencies.push(await oneOffer(`save-${i}`));
  }
  saving = false;
  await editor;
  const save = summary(saves);
  console.log(
    JSON.stringify({ bench: 'offer-to-ringing-while-saving', rooms, ...summary(latencies), saves: save.n, save_p50_ms: save.p50_ms, save_max_ms: save.max_ms, goal_p99_ms: 5 }),
  );
  bridge.close();
  await desk.stop();
  await alexa.close();
  rmSync(desk.dataDir, { recursive: true, force: true });
  if (file) rmSync(dirname(file), { recursive: true, force: true });
}

await main();
await pushesUnderLoad();
for (const rooms of [0, 500, 2_500, 4_900]) await ringingWhileSaving(rooms);
