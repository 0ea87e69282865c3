// kill -9 of the built console (headless mode in its own process) right after the webhook
// acknowledged calls' ends: every call whose CallEnded got its 200 must be in the call history
// when the console is gone, whether a single call just ended or many were ending at once. The
// console starts again on the same data folder after each kill, so a torn last line is left for
// the next run to step over. KILL_SINGLE_CALLS and KILL_CHURN_ROUNDS set the run (`npm run
// robustness` runs a larger one); a JSON line reports the figures.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeAlexa, type FakeAlexa } from '../bench/fake-alexa.js';
import { offerBody, postWebhook } from '../bench/webhook-client.js';
import { startHeadless, type Headless } from '../support/headless-process.js';

const SINGLE_CALLS = Number(process.env.KILL_SINGLE_CALLS ?? 3);
const CHURN_ROUNDS = Number(process.env.KILL_CHURN_ROUNDS ?? 1);
/** Calls acknowledged before the kill in a churn round, with this many ending at once. */
const CHURN_ACKS = 300;
const CHURN_IN_FLIGHT = 16;

let alexa: FakeAlexa;
let dataDir: string | null = null;

beforeAll(async () => {
  alexa = await startFakeAlexa(() => {});
});
afterAll(async () => {
  await alexa.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function start(): Promise<Headless> {
  const args = ['--alexa-api', alexa.base, '--lwa-token-url', `${alexa.base}/auth/o2/token`, ...(dataDir ? ['--data-dir', dataDir] : [])];
  const desk = await startHeadless(args, { DESK_LWA_CLIENT_ID: 'kill', DESK_LWA_CLIENT_SECRET: 'kill-client-secret', DESK_LWA_REFRESH_TOKEN: 'Atzr|kill' });
  dataDir ??= desk.dataDir;
  return desk;
}

async function kill(desk: Headless): Promise<void> {
  const exited = new Promise((resolve) => desk.child.once('exit', resolve));
  desk.child.kill('SIGKILL');
  await exited;
}

/** Session ids in the history files (a torn line is skipped, as the console's reader does). */
function recorded(): Set<string> {
  const ids = new Set<string>();
  for (const line of readFileSync(join(dataDir!, 'calls.jsonl'), 'utf8').split('\n')) {
    try {
      ids.add((JSON.parse(line) as { sessionId: string }).sessionId);
    } catch {
      // a torn line
    }
  }
  return ids;
}

/** One call: offer, then its end; the session id once the end was acknowledged, else null. */
async function call(desk: Headless, sessionId: string): Promise<string | null> {
  try {
    if (!(await postWebhook(desk.webhook, '/offer', offerBody(sessionId, `room-${sessionId}`))).ok) return null;
    return (await postWebhook(desk.webhook, '/end', { sessionId })).ok ? sessionId : null;
  } catch {
    return null; // the console is gone
  }
}

it('loses no acknowledged call to kill -9, for a single call or many ending at once', async () => {
  const acknowledged: string[] = [];

  for (let i = 0; i < SINGLE_CALLS; i++) {
    const desk = await start();
    const id = await call(desk, `single-${i}`);
    await kill(desk); // at once after the 200
    expect(id).toBe(`single-${i}`);
    acknowledged.push(id!);
  }

  let killedWithCallsInFlight = 0;
  for (let round = 0; round < CHURN_ROUNDS; round++) {
    const desk = await start();
    let next = 0;
    let acks = 0;
    let killing: Promise<void> | null = null;
    await Promise.all(
      Array.from({ length: CHURN_IN_FLIGHT }, async () => {
        while (!killing) {
          const id = await call(desk, `churn-${round}-${next++}`);
          if (!id) continue;
          acknowledged.push(id);
          if (++acks === CHURN_ACKS) killing = kill(desk); // the other calls are mid-flight
        }
      }),
    );
    await killing;
    killedWithCallsInFlight += CHURN_IN_FLIGHT - 1;
  }

  const onRecord = recorded();
  const lost = acknowledged.filter((id) => !onRecord.has(id));
  console.log(JSON.stringify({ kill9: 'history', single_calls: SINGLE_CALLS, churn_rounds: CHURN_ROUNDS, acknowledged: acknowledged.length, lost: lost.length, killed_with_calls_in_flight: killedWithCallsInFlight }));
  expect(lost).toEqual([]);

  // The console starts again on what the kills left, torn lines and all.
  const desk = await start();
  expect(await call(desk, 'after-the-kills')).toBe('after-the-kills');
  await desk.stop();
  expect(recorded().has('after-the-kills')).toBe(true);
}, 120_000);
