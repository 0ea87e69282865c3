// Fault injection against the whole core (webhook, call manager, signaling, LWA, history) with the
// simulated Alexa misbehaving: LWA errors, outages and revoked links, Alexa requests that hang, a
// disk that refuses the call history, and grants that are bad input. In each scenario no call is
// lost, none is shown as something it is not, and the desk is told what happened.
import { mkdirSync, readFileSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallView } from '../../main/ipc/contract.js';
import type { SimEchoRoom } from '../../main/sim/echo-room.js';
import { startDeskWithSim, type DeskWithSim } from '../support/desk-with-sim.js';

const NS = 'Alexa.Comms.CallSignaling.';
const SECRET = 'fault-scenarios-webhook-secret-0123';
let t: DeskWithSim | null = null;

afterEach(async () => {
  await t?.close();
  t = null;
});

function room(address = 'room-101'): SimEchoRoom {
  return t!.sim.addRoom({ address, addressType: 'RAW_ADDRESS', name: `Room ${address}` });
}

const sentToAlexa = (sessionId: string, name: string, timeoutMs?: number) =>
  t!.sim.waitFor((m) => m.sessionId === sessionId && m.type === `${NS}${name}`, timeoutMs);

async function ringing(echo: SimEchoRoom): Promise<string> {
  const sessionId = await echo.callDesk();
  await t!.waitForCall(sessionId, (c) => c.phase === 'ringing');
  return sessionId;
}

async function answered(sessionId: string): Promise<CallView> {
  expect(await t!.invoke('answer', { sessionId, video: false })).toEqual({ ok: true, value: undefined });
  return t!.waitForCall(sessionId, (c) => c.phase === 'active' && !c.connecting);
}

/** Polls until `probe` is true (for state no event announces, such as the simulator's counters). */
async function until(probe: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const historyLines = () => {
  try {
    return readFileSync(join(t!.dataDir, 'calls.jsonl'), 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { sessionId: string });
  } catch {
    return [];
  }
};

describe('LWA faults', () => {
  it('has a token ready at start: the first call does not wait for LWA', async () => {
    t = await startDeskWithSim();
    await until(() => t!.sim.tokenRequests >= 1, 'the token fetched at start');
    const before = t.sim.tokenRequests;
    const sessionId = await ringing(room());
    await sentToAlexa(sessionId, 'CallRinging');
    expect(t.sim.tokenRequests).toBe(before);
  });

  it('one LWA error does not drop the call: the token request is retried like Alexa requests', async () => {
    t = await startDeskWithSim();
    await until(() => t!.sim.tokenRequests >= 1, 'the token fetched at start');
    t.sim.revokeAccessTokens(); // the next message gets 401, so it needs a new token ...
    t.sim.faultNext('token', 500); // ... and LWA fails once
    const echo = room();
    const sessionId = await ringing(echo);
    await sentToAlexa(sessionId, 'CallRinging');
    await answered(sessionId);
    await sentToAlexa(sessionId, 'CallAccepted');
    await echo.waitForMediaFlowing();
  });

  it('CallEnded reaches Alexa while LWA is down for a moment', async () => {
    t = await startDeskWithSim();
    const sessionId = await ringing(room());
    await answered(sessionId);
    t.sim.revokeAccessTokens();
    t.sim.faultNext('token', 503, 2);
    expect(await t.invoke('hangup', { sessionId })).toEqual({ ok: true, value: undefined });
    expect(await sentToAlexa(sessionId, 'CallEnded', 8_000)).toMatchObject({ callResult: { code: 'SUCCESS' } });
  });

  it('a revoked link (invalid_grant) makes the status say not linked, with the fix', async () => {
    t = await startDeskWithSim();
    expect((await t.invoke('getSnapshot', {})) as { value: { status: { mode: string } } }).toMatchObject({ value: { status: { mode: 'linked' } } });
    t.sim.revokeRefreshTokens();
    const sessionId = await room().callDesk(); // CallRinging: 401, then the refresh: invalid_grant
    expect(await t.waitForCall(sessionId, (c) => c.phase === 'ended')).toMatchObject({ endReason: 'failed' });
    await t.waitForCalls(() => t!.latest.status?.mode === 'unlinked');
    expect(await t.invoke('getLinkStatus', {})).toMatchObject({ ok: true, value: { signaling: { linked: false } } });
    expect(t.latest.notices?.some((n) => n.action === 'relink' && n.message.id === 'notice.linkExpired')).toBe(true);
  });
});

describe('Alexa faults', () => {
  it('a hung request shows the answered call as connecting until Alexa took the answer', async () => {
    t = await startDeskWithSim();
    const echo = room();
    const sessionId = await ringing(echo);
    await sentToAlexa(sessionId, 'CallRinging');
    t.sim.faultNext('signaling', 'hang'); // the first CallAccepted gets no reply
    await t.invoke('answer', { sessionId, video: false });
    expect(await t.waitForCall(sessionId, (c) => c.phase === 'active')).toMatchObject({ connecting: true });
    await sentToAlexa(sessionId, 'CallAccepted', 8_000); // the retry after the attempt's time ran out
    expect(await t.waitForCall(sessionId, (c) => !c.connecting)).toMatchObject({ phase: 'active' });
    await echo.waitForMediaFlowing();
  });

  it('Alexa never taking the answer ends the call cleanly within its deadline, with a notice', async () => {
    t = await startDeskWithSim();
    const sessionId = await ringing(room());
    await sentToAlexa(sessionId, 'CallRinging');
    t.sim.faultNext('signaling', 'hang', 3); // every CallAccepted attempt within the 10 s deadline
    const answeredAt = Date.now();
    await t.invoke('answer', { sessionId, video: false });
    const seen: CallView[] = [];
    const ended = await t.waitForCall(
      sessionId,
      (c) => {
        seen.push(c);
        return c.phase === 'ended';
      },
      15_000,
    );
    expect(Date.now() - answeredAt).toBeLessThan(12_000);
    expect(ended).toMatchObject({ endReason: 'failed' });
    expect(seen.filter((c) => c.phase === 'active').every((c) => c.connecting)).toBe(true); // never shown as up
    expect(t.latest.notices?.some((n) => n.sessionId === sessionId && n.level === 'error')).toBe(true);
    expect(await sentToAlexa(sessionId, 'CallEnded')).toMatchObject({ callResult: { code: 'INTERNAL_ERROR' } });
    await until(() => historyLines().some((l) => l.sessionId === sessionId), 'the call on record');
  }, 20_000);

  it('Alexa errors (500, 429) are retried and the call goes on', async () => {
    t = await startDeskWithSim();
    const echo = room();
    t.sim.failNextSignaling(500, 'internal', 1);
    const sessionId = await ringing(echo);
    await sentToAlexa(sessionId, 'CallRinging');
    t.sim.failNextSignaling(429, 'slow down', 1);
    await answered(sessionId);
    await echo.waitForMediaFlowing();
  });
});

describe('history faults', () => {
  it('a CallEnded is acknowledged only once on record: refused (503) while the disk refuses, recorded on the resend', async () => {
    t = await startDeskWithSim();
    const echo = room();
    const sessionId = await ringing(echo);
    await answered(sessionId);
    mkdirSync(join(t.dataDir, 'calls.jsonl')); // the history file cannot be written
    await echo.hangup();
    const refused = await t.sim.waitForDelivery((d) => d.sessionId === sessionId && d.type === `${NS}CallEnded`);
    expect(refused.status).toBe(503);
    await t.waitForCall(sessionId, (c) => c.phase === 'ended'); // the call itself is over

    rmdirSync(join(t.dataDir, 'calls.jsonl'));
    const resent = await t.sim.deliver({ type: `${NS}CallEnded`, sessionId, callResult: { code: 'SUCCESS', message: 'Call ended by user' } });
    expect(resent.status).toBe(200);
    expect(historyLines().filter((l) => l.sessionId === sessionId)).toHaveLength(1);
  });
});

describe('grant faults', () => {
  const grant = (code: unknown) =>
    t!.sim.deliver({ type: 'Alexa.Authorization.Grant', body: { grant: { type: 'OAuth2.AuthorizationCode', code }, grantee: { type: 'BearerToken', token: 'Atza|x' } } });

  it('a malformed code is bad input (400), not a failure at Amazon', async () => {
    t = await startDeskWithSim({ desk: { webhookSecret: SECRET }, sim: { webhookSecret: SECRET } });
    expect((await grant('AN code with spaces')).status).toBe(400);
    expect((await grant(42)).status).toBe(400);
  });

  it('a grant before the skill client is known is refused as not possible yet (409)', async () => {
    t = await startDeskWithSim({ linked: false, desk: { webhookSecret: SECRET }, sim: { webhookSecret: SECRET } });
    expect((await grant(t.sim.issueGrantCode())).status).toBe(409);
  });

  it('LWA failing the exchange is 502, and the next grant links', async () => {
    t = await startDeskWithSim({ linked: false, desk: { webhookSecret: SECRET }, sim: { webhookSecret: SECRET } });
    await t.invoke('saveSignalingClient', { clientId: t.sim.credentials.clientId, clientSecret: t.sim.credentials.clientSecret });
    t.sim.faultNext('token', 500);
    expect((await grant(t.sim.issueGrantCode())).status).toBe(502);
    expect((await t.sim.sendAuthorizationGrant()).status).toBe(200);
    expect(await t.invoke('getLinkStatus', {})).toMatchObject({ value: { signaling: { linked: true } } });
  });

  it('a grant without the webhook secret is refused and links nothing', async () => {
    t = await startDeskWithSim({ linked: false });
    await t.invoke('saveSignalingClient', { clientId: t.sim.credentials.clientId, clientSecret: t.sim.credentials.clientSecret });
    expect((await t.sim.sendAuthorizationGrant()).status).toBe(403);
    expect(await t.invoke('getLinkStatus', {})).toMatchObject({ value: { signaling: { linked: false } } });
  });
});
