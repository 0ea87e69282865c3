// Signaling benchmarks (npm run bench): prints one JSON line per measurement.
// The console runs as its own process (headless mode, one core), so the load generator and the
// Alexa side in this process do not compete with it.
//  - offer-to-ringing: from a webhook POST /offer leaving the client to the console's CallRinging
//    arriving at the Alexa side, p50/p99 over 1,000 offers, one at a time (both loopback HTTP hops
//    included, so this is an upper bound of what the console adds). Goal p99 < 5 ms.
//  - webhook-throughput: events per second the webhook accepts (offer + end per call, 32 in
//    flight) while every CallRinging/CallEnded goes to the Alexa side. Goal >= 1,000/s.
import { rmSync } from 'node:fs';
import { startHeadless } from '../support/headless-process.js';
import { startFakeAlexa } from './fake-alexa.js';
import { ms, percentile } from './percentile.js';
import { offerBody, postWebhook } from './webhook-client.js';

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

await main();
