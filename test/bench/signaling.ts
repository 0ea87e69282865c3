// Signaling benchmarks (npm run bench): prints one JSON line per measurement.
//  - offer-to-ringing: from a webhook POST /offer leaving the client to the console's CallRinging
//    arriving at the Alexa side, p50/p99 over 1,000 offers, one at a time (both loopback HTTP hops
//    included, so this is an upper bound of what the console adds). Goal p99 < 5 ms.
//  - webhook-throughput: events per second the webhook accepts (offer + end per call, 32 in
//    flight) while every CallRinging/CallEnded goes to the Alexa side. Goal >= 1,000/s.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDesk } from '../../main/desk/desk.js';
import { nullLogger } from '../../main/log/logger.js';

const OFFER_SDP = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=rtpmap:111 opus/48000/2\r\n';

/** A minimal Alexa side: grants tokens and notes when each signaling message arrives. */
async function startAlexaSide(onSignal: (body: { type: string; sessionId: string }) => void): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.url === '/auth/o2/token') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ access_token: 'Atza|bench', refresh_token: 'Atzr|bench', token_type: 'bearer', expires_in: 3600 }));
        return;
      }
      onSignal(JSON.parse(Buffer.concat(chunks).toString()));
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  const waiting = new Map<string, () => void>();
  const alexa = await startAlexaSide((body) => {
    if (body.type.endsWith('.CallRinging')) waiting.get(body.sessionId)?.();
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-bench-'));
  const desk = await startDesk({
    dataDir,
    webhookPort: 0,
    alexaApi: alexa.base,
    lwaTokenUrl: `${alexa.base}/auth/o2/token`,
    envCredentials: { clientId: 'bench', clientSecret: 'bench', refreshToken: 'Atzr|bench' },
    keychainService: 'frontdesk-console-bench',
    log: nullLogger,
  });
  const post = (path: string, body: unknown) =>
    fetch(`${desk.webhookUrl}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const offer = (sessionID: string) => ({
    sessionID,
    sdpoffer: OFFER_SDP,
    participants: [
      { id: { type: 'RAW_ADDRESS', value: `room-${sessionID}` }, isOriginator: true },
      { id: { type: 'RAW_ADDRESS', value: 'front-desk' }, isOriginator: false },
    ],
  });

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
  console.log(JSON.stringify({ bench: 'offer-to-ringing', n: latencies.length, p50_ms: +percentile(latencies, 50).toFixed(3), p99_ms: +percentile(latencies, 99).toFixed(3), goal_p99_ms: 5 }));

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
  alexa.server.close();
  rmSync(dataDir, { recursive: true, force: true });
}

await main();
