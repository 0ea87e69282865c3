// The signaling core over real HTTP: the simulated Alexa delivers events to the webhook the way a
// skill does, the core answers through the Alexa signaling endpoint, and a Node WebRTC peer stands
// in for the renderer's media, so each flow is checked in the documented message order with media.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CallView, MediaRequest } from '../../main/ipc/contract.js';
import type { SimEchoRoom } from '../../main/sim/echo-room.js';
import { startDeskWithSim, type DeskWithSim } from '../support/desk-with-sim.js';
import { NodeMedia } from '../support/node-media.js';

const NS = 'Alexa.Comms.CallSignaling.';
let t: DeskWithSim | null = null;

afterEach(async () => {
  await t?.close();
  t = null;
});

/** Message names the console sent to Alexa for one call, in order. */
function sentFor(sessionId: string): string[] {
  return t!.sim.received.filter((m) => m.sessionId === sessionId).map((m) => m.type.slice(NS.length));
}

/** Waits until the console has sent `name` for the call (messages leave after the state changes). */
function sent(sessionId: string, name: string) {
  return t!.sim.waitFor((m) => m.sessionId === sessionId && m.type === `${NS}${name}`);
}

function responses(sessionId: string) {
  return t!.sim.received.filter((m) => m.sessionId === sessionId && m.type === `${NS}CallUpdateResponse`);
}

function room(address = 'room-101'): SimEchoRoom {
  return t!.sim.addRoom({ address, addressType: 'RAW_ADDRESS', name: `Room ${address}` });
}

async function answer(sessionId: string, video = false): Promise<CallView> {
  await t!.waitForCall(sessionId, (c) => c.phase === 'ringing');
  expect(await t!.invoke('answer', { sessionId, video })).toEqual({ ok: true, value: undefined });
  return t!.waitForCall(sessionId, (c) => c.phase === 'active');
}

describe('Echo → desk (ASP outbound)', () => {
  it('rings, answers with CallRinging then CallAccepted, carries media both ways, and ends when the room hangs up', async () => {
    t = await startDeskWithSim();
    const echo = room();
    const sessionId = await echo.callDesk();
    await t.waitForCall(sessionId, (c) => c.phase === 'ringing');
    await t.sim.waitForDelivery((d) => d.type === `${NS}CallRingingAck` && d.status === 200);

    await answer(sessionId);
    await t.sim.waitForDelivery((d) => d.type === `${NS}CallAcceptedAck` && d.status === 200);
    await echo.waitForMediaFlowing();
    await t.media.waitForInboundAudio(sessionId);

    await echo.hangup();
    const ended = await t.waitForCall(sessionId, (c) => c.phase === 'ended');
    expect(ended.endReason).toBe('completed');
    expect(sentFor(sessionId)).toEqual(['CallRinging', 'CallAccepted']); // nothing after the room's CallEnded
    expect(t.sim.received.find((m) => m.type === `${NS}CallAccepted`)).toMatchObject({ sdpDetails: { type: 'ANSWER', value: expect.stringContaining('a=candidate') } });
  });

  it('sends the documented CallInProgress before CallAccepted when the setting asks for it', async () => {
    t = await startDeskWithSim();
    expect((await t.invoke('updateSettings', { patch: { sendCallInProgress: true } })).ok).toBe(true);
    const sessionId = await room().callDesk();
    await answer(sessionId);
    await sent(sessionId, 'CallAccepted');
    expect(sentFor(sessionId)).toEqual(['CallRinging', 'CallInProgress', 'CallAccepted']);
  });

  it('declining ends the call with a non-SUCCESS code; a declined call is not a missed one', async () => {
    t = await startDeskWithSim();
    const echo = room();
    const sessionId = await echo.callDesk();
    await t.waitForCall(sessionId, (c) => c.phase === 'ringing');
    await t.invoke('decline', { sessionId });
    const ended = await t.sim.waitFor((m) => m.sessionId === sessionId && m.type === `${NS}CallEnded`);
    expect(ended).toMatchObject({ callResult: { code: 'DEVICE_BUSY' } });
    const call = await t.waitForCall(sessionId, (c) => c.phase === 'ended');
    expect(call.endReason).toBe('declined');
    expect(t.latest.calls?.missed ?? []).toEqual([]);
  });

  it('ends an unanswered call after the ring timeout with SESSION_TIMEOUT and marks it missed', async () => {
    t = await startDeskWithSim();
    await t.invoke('updateSettings', { patch: { ringTimeoutMs: 5_000 } });
    const sessionId = await room().callDesk();
    const ended = await t.waitForCall(sessionId, (c) => c.phase === 'ended', 9_000);
    expect(ended.endReason).toBe('missed');
    expect(await sent(sessionId, 'CallEnded')).toMatchObject({ callResult: { code: 'SESSION_TIMEOUT' } });
    expect(t.latest.calls?.missed.map((m) => m.sessionId)).toContain(sessionId);
  }, 15_000);

  it('rings 20 simultaneous incoming calls, each answered with its own CallRinging', async () => {
    t = await startDeskWithSim();
    const rooms = Array.from({ length: 20 }, (_, i) => room(`room-${200 + i}`));
    const sessions = await Promise.all(rooms.map((r) => r.callDesk()));
    const snapshot = await t.waitForCalls((s) => sessions.every((id) => s.calls.some((c) => c.sessionId === id && c.phase === 'ringing')));
    expect(snapshot.calls.filter((c) => c.phase === 'ringing')).toHaveLength(20);
    await Promise.all(sessions.map((id) => sent(id, 'CallRinging')));
    for (const id of sessions) expect(sentFor(id)).toEqual(['CallRinging']);
  }, 30_000);
});

describe('desk → Echo (ASP inbound)', () => {
  it('offers, follows CallRinging / CallInProgress / CallAccepted with their Acks, carries media, and the desk hangs up', async () => {
    t = await startDeskWithSim();
    const echo = room();
    echo.policy = { answer: 'auto', answerDelayMs: 200, sendInProgress: true };
    await t.invoke('saveRoom', { room: { id: 'r101', name: 'Room 101', address: 'room-101', addressType: 'RAW_ADDRESS' } });
    const placed = await t.invoke('callRoom', { roomId: 'r101', video: false });
    if (!placed.ok) throw new Error(placed.error);
    const { sessionId } = placed.value;

    await t.waitForCall(sessionId, (c) => c.phase === 'active');
    await echo.waitForMediaFlowing();
    await t.media.waitForInboundAudio(sessionId);
    expect(sentFor(sessionId)).toEqual(['InitiateInboundCall', 'CallRingingAck', 'CallInProgressAck', 'CallAcceptedAck']);
    expect(t.sim.received[0]).toMatchObject({
      participants: [
        { id: { type: 'RAW_ADDRESS', value: 'front-desk' }, isOriginator: true },
        { id: { type: 'RAW_ADDRESS', value: 'room-101' }, isOriginator: false },
      ],
      sdpDetails: { type: 'OFFER' },
    });
    expect(JSON.stringify(t.sim.received[0])).not.toMatch(/m=application/); // no data channel
    expect(t.sim.received[0]).not.toHaveProperty('customParams'); // undocumented: off by default

    await t.invoke('hangup', { sessionId });
    await t.sim.waitFor((m) => m.sessionId === sessionId && m.type === `${NS}CallEnded`);
    expect(await t.waitForCall(sessionId, (c) => c.phase === 'ended')).toMatchObject({ endReason: 'completed' });
    expect(echo.state).toBe('idle');
  });

  it("sends the desk's name (customParams.callerName) once that setting is on", async () => {
    t = await startDeskWithSim();
    room();
    await t.invoke('saveRoom', { room: { id: 'r101', name: 'Room 101', address: 'room-101', addressType: 'RAW_ADDRESS' } });
    expect(await t.invoke('updateSettings', { patch: { sendCallerName: true, deskName: 'Night Desk' } })).toMatchObject({ ok: true });
    const placed = await t.invoke('callRoom', { roomId: 'r101', video: false });
    if (!placed.ok) throw new Error(placed.error);
    expect(await sent(placed.value.sessionId, 'InitiateInboundCall')).toMatchObject({ customParams: { callerName: 'Night Desk' } });
  });

  it('a room that declines ends the call as not answered', async () => {
    t = await startDeskWithSim();
    const echo = room();
    echo.policy = { answer: 'decline', answerDelayMs: 100, sendInProgress: false };
    await t.invoke('saveRoom', { room: { id: 'r101', name: 'Room 101', address: 'room-101', addressType: 'RAW_ADDRESS' } });
    const placed = await t.invoke('callRoom', { roomId: 'r101', video: false });
    if (!placed.ok) throw new Error(placed.error);
    expect(await t.waitForCall(placed.value.sessionId, (c) => c.phase === 'ended')).toMatchObject({ endReason: 'no-answer' });
  });
});

describe('mid-call updates (CallUpdate)', () => {
  it('answers every Alexa re-offer, echoing its renegotiationType, and keeps the call and its media up', async () => {
    t = await startDeskWithSim();
    const echo = room();
    const sessionId = await echo.callDesk({ video: true });
    await answer(sessionId, true);
    await echo.waitForMediaFlowing();

    for (const step of [
      { renegotiationType: 'CALL_UPDATE', video: false },
      { renegotiationType: 'CALL_UPDATE', video: true },
      { renegotiationType: 'CALL_HOLD' },
      { renegotiationType: 'CALL_RESUME' },
    ] as const) {
      const responsesBefore = responses(sessionId).length;
      const acksBefore = t.sim.deliveries.filter((d) => d.type === `${NS}CallUpdateAck`).length;
      await echo.reoffer(step);
      await t.sim.waitFor(() => responses(sessionId).length > responsesBefore);
      expect(responses(sessionId).at(-1)).toMatchObject({ renegotiationType: step.renegotiationType, sdpDetails: { type: 'ANSWER' } });
      await t.sim.waitForDelivery(() => t!.sim.deliveries.filter((d) => d.type === `${NS}CallUpdateAck`).length > acksBefore);
      // The desk publishes call changes in batches, so wait for the snapshot that shows this step.
      const remoteHeld = step.renegotiationType === 'CALL_HOLD';
      expect(await t.waitForCall(sessionId, (c) => c.remoteHeld === remoteHeld)).toMatchObject({ phase: 'active' });
    }
    await echo.waitForMediaFlowing();
    await t.media.waitForInboundAudio(sessionId);
  }, 30_000);

  it("reads hold and resume from the offer when Amazon's sample skill drops renegotiationType", async () => {
    t = await startDeskWithSim({ sim: { forward: 'sample-routes' } });
    const echo = room();
    const sessionId = await echo.callDesk();
    await answer(sessionId);
    await echo.waitForMediaFlowing();
    for (const renegotiationType of ['CALL_HOLD', 'CALL_RESUME'] as const) {
      const before = responses(sessionId).length;
      await echo.reoffer({ renegotiationType }); // /reoffer carries only the SDP
      await t.sim.waitFor(() => responses(sessionId).length > before);
      expect(responses(sessionId).at(-1)).toMatchObject({ renegotiationType });
      expect(await t.waitForCall(sessionId, (c) => c.remoteHeld === (renegotiationType === 'CALL_HOLD'))).toMatchObject({ phase: 'active' });
    }
  }, 30_000);

  it('puts a call on hold and resumes it from the desk with CallUpdate / CallUpdateResponse / CallUpdateAck', async () => {
    t = await startDeskWithSim();
    const echo = room();
    const sessionId = await echo.callDesk();
    await answer(sessionId);
    await echo.waitForMediaFlowing();

    expect(await t.invoke('hold', { sessionId })).toEqual({ ok: true, value: undefined });
    await t.waitForCall(sessionId, (c) => c.held && !c.negotiating);
    expect(await t.invoke('resume', { sessionId })).toEqual({ ok: true, value: undefined });
    await t.waitForCall(sessionId, (c) => !c.held && !c.negotiating);
    await t.sim.waitFor(() => t!.sim.received.filter((m) => m.type === `${NS}CallUpdateAck`).length === 2);

    const updates = t.sim.received.filter((m) => m.sessionId === sessionId && m.type.startsWith(`${NS}CallUpdate`));
    expect(updates.map((m) => [m.type.slice(NS.length), m.renegotiationType])).toEqual([
      ['CallUpdate', 'CALL_HOLD'],
      ['CallUpdateAck', undefined],
      ['CallUpdate', 'CALL_RESUME'],
      ['CallUpdateAck', undefined],
    ]);
    await echo.waitForMediaFlowing();
  }, 20_000);
});

describe('bad input on the webhook changes nothing', () => {
  const offer = (sessionID: string) => ({
    sessionID,
    sdpoffer: 'v=0\r\n',
    participants: [
      { id: { type: 'RAW_ADDRESS', value: 'room-9' }, isOriginator: true },
      { id: { type: 'RAW_ADDRESS', value: 'front-desk' }, isOriginator: false },
    ],
  });

  it('answers each bad request with its status and leaves every call as it was', async () => {
    const secret = 'correct-horse-battery-staple';
    t = await startDeskWithSim({ desk: { webhookSecret: secret }, sim: { webhookSecret: secret } });
    const url = t.desk.webhookUrl;
    const auth = { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' };
    const known = await room('room-9').callDesk();
    await t.waitForCall(known, (c) => c.phase === 'ringing');
    await sent(known, 'CallRinging');
    const before = JSON.stringify(t.latest.calls);
    const receivedBefore = t.sim.received.filter((m) => m.sessionId === known).length;

    const cases: [string, string, RequestInit, number][] = [
      ['malformed JSON', '/offer', { headers: auth, body: '{"sessionID":' }, 400],
      ['wrong type', '/offer', { headers: auth, body: JSON.stringify({ ...offer('x'), sdpoffer: 42 }) }, 400],
      ['missing field', '/answer', { headers: auth, body: JSON.stringify({ sessionId: known }) }, 400],
      ['unknown session', '/answer', { headers: auth, body: JSON.stringify({ sessionId: 'nope', sdp: 'v=0' }) }, 404],
      ['event invalid for the state', '/reanswer', { headers: auth, body: JSON.stringify({ sessionId: known, sdp: 'v=0' }) }, 409],
      ['oversized body', '/offer', { headers: auth, body: JSON.stringify({ ...offer('big'), pad: 'x'.repeat(300 * 1024) }) }, 413],
      ['not JSON', '/offer', { headers: { ...auth, 'Content-Type': 'text/plain' }, body: 'hello' }, 415],
      ['missing secret', '/offer', { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(offer('y')) }, 401],
      ['wrong secret', '/offer', { headers: { ...auth, Authorization: 'Bearer wrong' }, body: JSON.stringify(offer('z')) }, 401],
      ['envelope with a bad type', '/alexa', { headers: auth, body: JSON.stringify({ request: { type: `${NS}Nope`, sessionId: known } }) }, 400],
    ];
    for (const [why, path, init, status] of cases) {
      const res = await fetch(`${url}${path}`, { method: 'POST', ...init });
      expect(res.status, why).toBe(status);
      if (status !== 401 && status !== 413 && status !== 415) expect((await res.json()) as object, why).toHaveProperty('error');
    }
    // A repeated identical event is accepted once, with no second effect.
    const first = await fetch(`${url}/offer`, { method: 'POST', headers: auth, body: JSON.stringify(offer('dup')) });
    const again = await fetch(`${url}/offer`, { method: 'POST', headers: auth, body: JSON.stringify(offer('dup')) });
    expect([first.status, again.status]).toEqual([200, 200]);
    await t.waitForCall('dup', () => true);
    expect(t.latest.calls?.calls.filter((c) => c.sessionId === 'dup')).toHaveLength(1);
    // The secret may also lead the path, as Amazon's sample skill sends it.
    expect((await fetch(`${url}/correct-horse-battery-staple/health`)).status).toBe(200);

    await new Promise((r) => setTimeout(r, 100));
    const knownNow = t.latest.calls?.calls.find((c) => c.sessionId === known);
    expect(knownNow).toEqual((JSON.parse(before) as { calls: unknown[] }).calls.find((c) => (c as { sessionId: string }).sessionId === known));
    expect(t.sim.received.filter((m) => m.sessionId === known).length).toBe(receivedBefore);
  });
});

describe('account linking', () => {
  it('links from a forwarded Alexa.Authorization.Grant with no typing, and calls then signal through Amazon', async () => {
    // Linking hands the desk's calls to the sender of the code: the skill must hold the webhook secret.
    const webhookSecret = 'grant-needs-this-secret-0123456789';
    t = await startDeskWithSim({ linked: false, desk: { webhookSecret }, sim: { webhookSecret } });
    const before = await t.invoke('getSnapshot', {});
    expect(before.ok && before.value.status.mode).toBe('demo');

    const saved = await t.invoke('saveSignalingClient', { clientId: t.sim.credentials.clientId, clientSecret: t.sim.credentials.clientSecret });
    expect(saved.ok).toBe(true);
    const grant = await t.sim.sendAuthorizationGrant();
    expect(grant.status).toBe(200);
    expect(grant.body).toMatchObject({ ok: true, response: { event: { header: { namespace: 'Alexa.Authorization', name: 'AcceptGrant.Response' } } } });

    const after = await t.invoke('getSnapshot', {});
    expect(after.ok && after.value.status.mode).toBe('linked');
    const link = await t.invoke('getLinkStatus', {});
    expect(link).toMatchObject({ ok: true, value: { signaling: { linked: true } } });
    expect(JSON.stringify(link)).not.toContain(t.sim.credentials.clientSecret);

    const sessionId = await room().callDesk();
    await answer(sessionId);
    await sent(sessionId, 'CallAccepted');
    expect(sentFor(sessionId)).toEqual(['CallRinging', 'CallAccepted']);
  });
});

describe('a window that reloads mid-call', () => {
  it('gets the call back with fresh media: the new window offers (CALL_UPDATE) and audio flows again', async () => {
    t = await startDeskWithSim();
    const echo = room();
    const sessionId = await echo.callDesk();
    await answer(sessionId);
    await t.media.waitForInboundAudio(sessionId);

    // The first window's renderer is gone (its peers with it); a new one connects and claims media.
    t.media.closeAll();
    const reloaded = new NodeMedia((result) => void t!.desk.invoke('reloaded', 'mediaResult', result));
    const detach = t.desk.connect('reloaded', (event, payload) => {
      if (event === 'media') reloaded.handle(payload as MediaRequest);
    });
    expect(await t.desk.invoke('reloaded', 'claimMedia', {})).toEqual({ ok: true, value: undefined });

    const update = await t.sim.waitFor((m) => m.sessionId === sessionId && m.type === `${NS}CallUpdate`);
    expect(update).toMatchObject({ renegotiationType: 'CALL_UPDATE', sdpDetails: { type: 'OFFER' } });
    await t.sim.waitFor((m) => m.sessionId === sessionId && m.type === `${NS}CallUpdateAck`);
    await reloaded.waitForInboundAudio(sessionId);
    await echo.waitForMediaFlowing();
    expect(t.call(sessionId)?.phase).toBe('active');
    reloaded.closeAll();
    detach();
  });
});

describe('a call whose connection fails', () => {
  const ufrag = (message: Record<string, unknown>) => /a=ice-ufrag:(\S+)/.exec((message.sdpDetails as { value: string }).value)?.[1];

  it('is reconnected once with new ICE credentials (CALL_UPDATE); a second failure shows the fix; recovery clears the banner', async () => {
    t = await startDeskWithSim();
    const echo = room();
    const sessionId = await echo.callDesk();
    await answer(sessionId);
    await echo.waitForMediaFlowing();
    const accepted = await sent(sessionId, 'CallAccepted');
    const ours = (n: { sessionId?: string }) => n.sessionId === sessionId;

    // Only the window that runs the media may report, only about a live call, only known states.
    expect(await t.desk.invoke('another-window', 'mediaConnection', { sessionId, state: 'failed' })).toMatchObject({ ok: false });
    expect(await t.invoke('mediaConnection', { sessionId: 'no-such-call', state: 'failed' })).toMatchObject({ ok: false });
    expect(await t.invoke('mediaConnection', { sessionId, state: 'gremlins' } as never)).toMatchObject({ ok: false, error: expect.stringMatching(/state/) });
    expect((t.latest.notices ?? []).filter(ours)).toEqual([]);

    expect(await t.invoke('mediaConnection', { sessionId, state: 'failed' })).toEqual({ ok: true, value: undefined });
    const update = await t.sim.waitFor((m) => m.sessionId === sessionId && m.type === `${NS}CallUpdate`);
    expect(update).toMatchObject({ renegotiationType: 'CALL_UPDATE', sdpDetails: { type: 'OFFER' } });
    expect(ufrag(update)).toBeDefined();
    expect(ufrag(update)).not.toBe(ufrag(accepted));
    await vi.waitFor(() => expect((t!.latest.notices ?? []).filter(ours)).toEqual([expect.objectContaining({ level: 'warning', message: { id: 'notice.connectionRetrying', values: { room: { id: 'room.unknown' } } }, detail: expect.stringContaining('ICE') })]));
    await t.sim.waitFor((m) => m.sessionId === sessionId && m.type === `${NS}CallUpdateAck`);
    await t.media.waitForInboundAudio(sessionId);
    await echo.waitForMediaFlowing();

    // Failing again: no second attempt, the cause and the fix instead.
    expect(await t.invoke('mediaConnection', { sessionId, state: 'failed' })).toEqual({ ok: true, value: undefined });
    await vi.waitFor(() =>
      expect((t!.latest.notices ?? []).filter(ours)).toEqual([
        expect.objectContaining({ level: 'error', action: 'open-settings', message: { id: 'notice.connectionBlocked', values: { room: { id: 'room.unknown' } } } }),
      ]),
    );
    expect(t.sim.received.filter((m) => m.sessionId === sessionId && m.type === `${NS}CallUpdate`)).toHaveLength(1);
    expect(t.call(sessionId)?.phase).toBe('active'); // staff decide: the call is not dropped for them

    expect(await t.invoke('mediaConnection', { sessionId, state: 'restored' })).toEqual({ ok: true, value: undefined });
    await vi.waitFor(() => expect((t!.latest.notices ?? []).filter(ours)).toEqual([]));
  }, 20_000);
});
