// Property-mode benchmarks (npm run bench): three desks (headless mode, each its own process) on a
// local nats-server, the reference skill's handler publishing as the Lambda would, an Alexa side
// that accepts everything. One JSON line per measurement.
//  - property-ring-every-desk: from the skill taking an InitiateOutboundCall to the call ringing at
//    every desk (each desk's window hears of it), p50/p99 over 300 calls one at a time; in the same
//    run the single-desk path (the skill POSTing to one desk's webhook), and the difference.
//    Goal: p99 added < 50 ms.
//  - property-claim-race: three desks (BrokerOwnership, each on its own connection) answer the same
//    call in the same millisecond, 1,000 times: how many calls had exactly one winner, and how long
//    a claim took. Goal: one winner in 1,000 of 1,000.
//  - property-broker-restart: the broker is killed (SIGKILL) and started again on the same port and
//    store while three calls ring, 5 times: time until every desk is connected again, until a call
//    placed then rings at every desk, and until one of the calls that rang before the crash is
//    answered at one desk and the others show it taken. Goal: < 3 s.
// BENCH_CALLS and BENCH_RACES change the counts (a quick run).
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { startIncoming } from '../../main/calls/machine.js';
import type { CallState } from '../../main/calls/types.js';
import type { CallView, DeskEvents } from '../../main/ipc/contract.js';
import { nullLogger } from '../../main/log/logger.js';
import { Broker } from '../../main/property/broker.js';
import { BrokerOwnership } from '../../main/property/broker-ownership.js';
import { propertyNames } from '../../main/property/names.js';
import { parseNamed } from '../../main/protocol/messages.js';
import { buildEnvelope, type AlexaEvent } from '../../main/sim/delivery.js';
import { closeBrokerConnection, publishToProperty } from '../../skill/lambda/broker.js';
import { loadConfig } from '../../skill/lambda/config.js';
import { createLogger } from '../../skill/lambda/log.js';
import { createSkillHandler, type SkillHandler } from '../../skill/lambda/skill.js';
import { BridgeClient, startHeadless, type Headless } from '../support/headless-process.js';
import { startNatsServer, type NatsServer } from '../support/nats-server.js';
import { startFakeAlexa, type FakeAlexa } from './fake-alexa.js';
import { ms, percentile } from './percentile.js';
import { OFFER_SDP } from './webhook-client.js';

const NS = 'Alexa.Comms.CallSignaling.';
const LINKED = { DESK_LWA_CLIENT_ID: 'bench', DESK_LWA_CLIENT_SECRET: 'bench', DESK_LWA_REFRESH_TOKEN: 'Atzr|bench' };
const WEBHOOK_SECRET = 'bench-webhook-secret-0123456789';
const CALLS = Number(process.env.BENCH_CALLS ?? 300);
const RACES = Number(process.env.BENCH_RACES ?? 1_000);
const RESTARTS = 5;

/** A desk process and its window's view of the calls, as the renderer gets it. */
interface WatchedDesk {
  headless: Headless;
  bridge: BridgeClient;
  /** The desk's calls as last pushed. */
  calls: Map<string, CallView>;
  status: DeskEvents['status'] | null;
  /** Called after every push. */
  onChange: Set<() => void>;
}

async function watch(headless: Headless): Promise<WatchedDesk> {
  const bridge = await BridgeClient.connect(headless.ui);
  const desk: WatchedDesk = { headless, bridge, calls: new Map(), status: null, onChange: new Set() };
  bridge.on('calls', (delta) => {
    for (const id of delta.removed) desk.calls.delete(id);
    for (const call of delta.calls) desk.calls.set(call.sessionId, call);
    for (const f of [...desk.onChange]) f();
  });
  bridge.on('status', (status) => {
    desk.status = status;
    for (const f of [...desk.onChange]) f();
  });
  const snapshot = await bridge.invoke('getSnapshot', {});
  if (snapshot.ok) desk.status ??= snapshot.value.status;
  return desk;
}

/** Resolves at the moment `predicate` holds for the desk (checked after every push). */
function until(desk: WatchedDesk, predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<number> {
  if (predicate()) return Promise.resolve(performance.now());
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!predicate()) return;
      desk.onChange.delete(check);
      clearTimeout(timer);
      resolve(performance.now());
    };
    const timer = setTimeout(() => {
      desk.onChange.delete(check);
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    desk.onChange.add(check);
  });
}

const phaseIs = (desk: WatchedDesk, sessionId: string, test: (c: CallView | undefined) => boolean) => () => test(desk.calls.get(sessionId));
const ringing = (c: CallView | undefined) => c?.phase === 'ringing';
const over = (c: CallView | undefined) => !c || c.phase === 'ended';

function envelope(event: AlexaEvent) {
  return buildEnvelope(event, {
    skillId: 'amzn1.ask.skill.bench',
    apiEndpoint: 'https://api.amazonalexa.com',
    unitId: 'amzn1.ask.unit.bench',
    persistentUnitId: 'bench',
    deviceId: 'amzn1.ask.device.bench',
    userId: 'amzn1.ask.account.bench',
    consentToken: 'Atza|bench',
  }) as never;
}

function offerEvent(sessionId: string, room: string): AlexaEvent {
  return {
    type: `${NS}InitiateOutboundCall`,
    sessionId,
    participants: [
      { id: { type: 'RAW_ADDRESS', value: room }, isOriginator: true },
      { id: { type: 'RAW_ADDRESS', value: 'front-desk' }, isOriginator: false },
    ],
    sdpDetails: { type: 'OFFER', value: OFFER_SDP },
  };
}

const offer = (sessionId: string, room: string) => envelope(offerEvent(sessionId, room));
const hangup = (sessionId: string) => envelope({ type: `${NS}CallEnded`, sessionId, callResult: { code: 'SUCCESS', message: 'Call ended by user' } });

/** One call from the skill: ms until it rings at every desk; then the room hangs up and it ends everywhere. */
async function ringOnce(skill: SkillHandler, desks: WatchedDesk[], sessionId: string): Promise<number> {
  const rang = desks.map((d) => until(d, phaseIs(d, sessionId, ringing), `ringing ${sessionId}`));
  const t0 = performance.now();
  await skill.invoke(offer(sessionId, `room-${sessionId}`));
  const latest = Math.max(...(await Promise.all(rang)));
  const ended = desks.map((d) => until(d, phaseIs(d, sessionId, over), `ended ${sessionId}`));
  await skill.invoke(hangup(sessionId));
  await Promise.all(ended);
  return latest - t0;
}

/**
 * Calls one at a time, one every SLOT_MS: a window hears of a change at once only when main pushed
 * nothing in the last 50 ms (bursts are coalesced), so each ring must find the desks quiet — after
 * the last call's end, and away from when its tile leaves the view (5.1 s after the end: 5,100 ms
 * is 25.5 slots, half a slot off any ring).
 */
const SLOT_MS = 200;

async function ringLatency(skill: SkillHandler, desks: WatchedDesk[], label: string): Promise<number[]> {
  const samples: number[] = [];
  const start = performance.now();
  for (let i = -20; i < CALLS; i++) {
    const due = start + (i + 20) * SLOT_MS;
    if (due > performance.now()) await sleep(due - performance.now());
    const latency = await ringOnce(skill, desks, `${label}-${i}`);
    if (i >= 0) samples.push(latency);
  }
  return samples.sort((a, b) => a - b);
}

const sleep = (msToWait: number) => new Promise((r) => setTimeout(r, msToWait));

function skillFor(env: Record<string, string>): SkillHandler {
  return createSkillHandler(loadConfig({ ...env, FORWARD_TIMEOUT_MS: '5000' }), { log: createLogger('error', () => {}) });
}

async function ringEveryDesk(nats: NatsServer, property: string, desks: WatchedDesk[], alexa: FakeAlexa): Promise<void> {
  const viaBroker = await ringLatency(skillFor({ BROKER_URL: nats.url, PROPERTY_ID: property }), desks, 'property');

  const single = await watch(
    await startHeadless(['--alexa-api', alexa.base, '--lwa-token-url', `${alexa.base}/auth/o2/token`, '--webhook-secret', WEBHOOK_SECRET], LINKED),
  );
  const viaWebhook = await ringLatency(skillFor({ CONSOLE_URL: single.headless.webhook, WEBHOOK_SECRET }), [single], 'webhook');
  await close(single);

  const p = (s: number[], q: number) => ms(percentile(s, q));
  console.log(
    JSON.stringify({
      bench: 'property-ring-every-desk',
      desks: desks.length,
      n: CALLS,
      p50_ms: p(viaBroker, 50),
      p99_ms: p(viaBroker, 99),
      webhook_p50_ms: p(viaWebhook, 50),
      webhook_p99_ms: p(viaWebhook, 99),
      added_p50_ms: ms(p(viaBroker, 50) - p(viaWebhook, 50)),
      added_p99_ms: ms(p(viaBroker, 99) - p(viaWebhook, 99)),
      goal_added_p99_ms: 50,
    }),
  );
}

/** The call as a desk holds it once it rings in property mode (the state machine's own start). */
function callState(sessionId: string): CallState {
  const message = parseNamed('InitiateOutboundCall', offerEvent(sessionId, `room-${sessionId}`));
  if (!message.ok) throw new Error(`the bench offer does not parse: ${message.error}`);
  const started = startIncoming({ message: message.value, now: Date.now() }, { ringTimeoutMs: 30_000, sendCallInProgress: false, shared: true });
  if (!started.ok) throw new Error(started.message);
  return started.state;
}

async function claimRace(nats: NatsServer, property: string): Promise<void> {
  const names = propertyNames(property);
  const me = ['Race A', 'Race B', 'Race C'].map((name) => ({ id: randomUUID(), name }));
  const brokers = me.map((desk) => new Broker({ url: nats.url, credential: null, name: `bench ${desk.name}`, log: nullLogger, changed: () => {} }));
  const owners = await Promise.all(
    brokers.map(async (broker, i) => {
      const { calls } = await broker.openProperty(names);
      const owner = new BrokerOwnership({
        calls,
        me: me[i]!,
        online: () => me.map((d) => d.id),
        gone: () => false,
        log: nullLogger,
        news: () => {},
        missed: () => {},
        endAtAlexa: () => {},
        changed: () => {},
      });
      await owner.start();
      return owner;
    }),
  );

  let oneWinner = 0;
  const claims: number[] = [];
  for (let i = 0; i < RACES; i++) {
    const call = callState(`race-${i}-${randomUUID()}`);
    // The call rings at every desk (one of them recorded it), then all three answer at once.
    await owners[i % 3]!.claim(call, { what: 'ring' });
    const results = await Promise.all(
      owners.map(async (owner) => {
        const t0 = performance.now();
        const result = await owner.claim({ ...call }, { what: 'answer' });
        claims.push(performance.now() - t0);
        return result.outcome;
      }),
    );
    if (results.filter((r) => r === 'won').length === 1 && results.filter((r) => r === 'lost').length === 2) oneWinner++;
  }
  claims.sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      bench: 'property-claim-race',
      desks: 3,
      races: RACES,
      one_winner: oneWinner,
      claim_p50_ms: ms(percentile(claims, 50)),
      claim_p99_ms: ms(percentile(claims, 99)),
      goal_one_winner: RACES,
    }),
  );
  for (const owner of owners) owner.stop();
  await Promise.all(brokers.map((b) => b.close()));
}

async function brokerRestart(nats: NatsServer, property: string, desks: WatchedDesk[]): Promise<void> {
  const skill = skillFor({ BROKER_URL: nats.url, PROPERTY_ID: property });
  const target = { url: nats.url, property, credential: null };
  const back: number[] = [];
  const flowing: number[] = [];
  let retried = 0;
  const restored: number[] = [];
  for (let round = 0; round < RESTARTS; round++) {
    const ringingCalls = [0, 1, 2].map((i) => `restart-${round}-${i}`);
    for (const sessionId of ringingCalls) {
      const rang = desks.map((d) => until(d, phaseIs(d, sessionId, ringing), `ringing ${sessionId}`));
      await skill.invoke(offer(sessionId, `room-${sessionId}`));
      await Promise.all(rang);
    }
    const away = desks.map((d) => until(d, () => d.status?.property?.state === 'unreachable', 'unreachable'));

    const t0 = performance.now();
    await nats.kill();
    await nats.restart();
    await Promise.all(away);
    const reconnected = await Promise.all(desks.map((d) => until(d, () => d.status?.property?.state === 'connected', 'connected again')));
    back.push(Math.max(...reconnected) - t0);

    // Events flow again: a call placed now rings at every desk.
    const probe = `restart-${round}-probe`;
    const probeRang = desks.map((d) => until(d, phaseIs(d, probe, ringing), `ringing ${probe}`, 30_000));
    // (As the skill would publish, with a short timeout so a retry fits Alexa's budget.)
    while ((await publishToProperty(offer(probe, `room-${probe}`), target, 1_000)).outcome !== 'delivered') retried++;
    flowing.push(Math.max(...(await Promise.all(probeRang))) - t0);

    // The calls that rang before the crash still ring everywhere, and answering one is a claim the others follow.
    for (const d of desks) for (const sessionId of ringingCalls) if (!ringing(d.calls.get(sessionId))) throw new Error(`${sessionId} stopped ringing`);
    const [answering, ...others] = desks;
    const taken = others.map((d) => until(d, phaseIs(d, ringingCalls[0]!, (c) => c?.phase === 'ended' && c.endReason === 'answered-elsewhere'), 'answered elsewhere'));
    const answer = await answering!.bridge.invoke('answer', { sessionId: ringingCalls[0]!, video: false });
    if (!answer.ok) throw new Error(`answer after the restart: ${answer.error}`);
    restored.push(Math.max(...(await Promise.all(taken))) - t0);

    for (const sessionId of [...ringingCalls, probe]) {
      const ended = desks.map((d) => until(d, phaseIs(d, sessionId, over), `ended ${sessionId}`));
      await skill.invoke(hangup(sessionId));
      await Promise.all(ended);
    }
  }
  const summary = (samples: number[], name: string) => {
    const sorted = [...samples].sort((a, b) => a - b);
    return { [`${name}_p50_ms`]: ms(percentile(sorted, 50)), [`${name}_max_ms`]: ms(sorted.at(-1)!) };
  };
  console.log(
    JSON.stringify({
      bench: 'property-broker-restart',
      desks: desks.length,
      restarts: RESTARTS,
      ...summary(back, 'reconnected'),
      ...summary(flowing, 'new_call_rings'),
      ...summary(restored, 'ringing_call_answered'),
      publishes_retried: retried,
      goal_ms: 3_000,
    }),
  );
}

async function close(desk: WatchedDesk): Promise<void> {
  desk.bridge.close();
  await desk.headless.stop();
  rmSync(desk.headless.dataDir, { recursive: true, force: true });
}

const nats = await startNatsServer();
const alexa = await startFakeAlexa(() => undefined);
const property = `bench-${process.pid}`;
const desks: WatchedDesk[] = [];
try {
  for (const name of ['Desk A', 'Desk B', 'Desk C']) {
    const desk = await watch(
      await startHeadless(
        ['--alexa-api', alexa.base, '--lwa-token-url', `${alexa.base}/auth/o2/token`, '--broker', nats.url, '--property', property, '--desk-name', name],
        LINKED,
      ),
    );
    desks.push(desk);
  }
  for (const d of desks) await until(d, () => d.status?.property?.state === 'connected' && d.status.property.desks.length === 3, 'three desks online', 20_000);

  await ringEveryDesk(nats, property, desks, alexa);
  await claimRace(nats, property);
  await brokerRestart(nats, property, desks);
} finally {
  await Promise.all(desks.map(close));
  await closeBrokerConnection();
  await alexa.close();
  await nats.stop();
}
