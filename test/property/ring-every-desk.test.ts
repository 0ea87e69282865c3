// Property mode with a real nats-server: the reference skill publishes Alexa's events to the
// property's broker, three desks subscribe; every desk rings, the first to answer takes the call,
// and Alexa hears exactly one CallRinging and one CallAccepted.
import { afterEach, describe, expect, it } from 'vitest';
import { startProperty, type PropertyFixture } from '../support/property.js';

const NS = 'Alexa.Comms.CallSignaling.';
let p: PropertyFixture | null = null;

afterEach(async () => {
  await p?.close();
  p = null;
});

const count = (fixture: PropertyFixture, sessionId: string, name: string) =>
  fixture.sim.received.filter((m) => m.sessionId === sessionId && m.type === `${NS}${name}`).length;

describe('property mode: ring every desk, the first to answer takes the call', () => {
  it('rings at every desk; one answers; the others stop ringing and show who has it; Alexa hears one CallRinging and one CallAccepted', async () => {
    p = await startProperty({ desks: ['Desk A', 'Desk B', 'Desk C'] });
    const echo = p.sim.addRoom({ address: 'room-214', addressType: 'RAW_ADDRESS', name: 'Room 214' });
    const sessionId = await echo.callDesk();
    for (const desk of p.desks.values()) await desk.waitForCall(sessionId, (c) => c.phase === 'ringing');

    const b = p.desk('Desk B');
    expect(await b.invoke('answer', { sessionId, video: false })).toEqual({ ok: true, value: undefined });
    await b.waitForCall(sessionId, (c) => c.phase === 'active', 20_000);
    await echo.waitForMediaFlowing();
    await b.media.waitForInboundAudio(sessionId);

    for (const name of ['Desk A', 'Desk C']) {
      const other = p.desk(name);
      const mine = await other.waitForCall(sessionId, (c) => c.phase === 'ended');
      expect(mine).toMatchObject({ endReason: 'answered-elsewhere', desk: 'Desk B' });
      const shared = await other.waitForCalls((s) => s.elsewhere.some((c) => c.sessionId === sessionId && c.phase === 'active'));
      expect(shared.elsewhere.find((c) => c.sessionId === sessionId)).toMatchObject({ desk: 'Desk B', title: 'Unknown room', remote: { value: 'room-214' } });
      expect(other.media.sessions()).not.toContain(sessionId); // the media runs at Desk B only
    }
    // A desk that clicks a moment too late is told who has the call, and nothing reaches Alexa.
    expect(await p.desk('Desk C').invoke('answer', { sessionId, video: false })).toEqual({ ok: false, error: 'Answered at Desk B', message: { id: 'call.answeredAt', values: { desk: 'Desk B' } } });

    expect(count(p, sessionId, 'CallRinging')).toBe(1);
    expect(count(p, sessionId, 'CallAccepted')).toBe(1);
    expect(count(p, sessionId, 'CallEnded')).toBe(0);

    await echo.hangup();
    await b.waitForCall(sessionId, (c) => c.phase === 'ended' && c.endReason === 'completed');
    for (const desk of p.desks.values()) await desk.waitForCalls((s) => !s.elsewhere.some((c) => c.sessionId === sessionId));
  });

  it('declining at one desk leaves the call ringing at the others; the last desk to decline ends it, once', async () => {
    p = await startProperty({ desks: ['Desk A', 'Desk B', 'Desk C'] });
    const echo = p.sim.addRoom({ address: 'room-101', addressType: 'RAW_ADDRESS', name: 'Room 101' });
    const sessionId = await echo.callDesk();
    for (const desk of p.desks.values()) await desk.waitForCall(sessionId, (c) => c.phase === 'ringing');

    await p.desk('Desk A').invoke('decline', { sessionId });
    await p.desk('Desk A').waitForCall(sessionId, (c) => c.phase === 'ended' && c.endReason === 'declined');
    // Desk A still sees the room calling (the others ring), without a card of its own.
    await p.desk('Desk A').waitForCalls((s) => s.elsewhere.some((c) => c.sessionId === sessionId && c.phase === 'ringing'));
    await p.desk('Desk C').invoke('decline', { sessionId });
    await new Promise((r) => setTimeout(r, 300));
    expect(p.desk('Desk B').call(sessionId)?.phase).toBe('ringing');
    expect(count(p, sessionId, 'CallEnded')).toBe(0);
    expect(echo.state).toBe('calling');

    await p.desk('Desk B').invoke('decline', { sessionId });
    const ended = await p.sim.waitFor((m) => m.sessionId === sessionId && m.type === `${NS}CallEnded`);
    expect(ended).toMatchObject({ callResult: { code: 'DEVICE_BUSY' } });
    await new Promise((r) => setTimeout(r, 300));
    expect(count(p, sessionId, 'CallEnded')).toBe(1);
    expect(count(p, sessionId, 'CallRinging')).toBe(1);
  });

  it('a call nobody answers times out once for the property; it is missed at every desk, and calling back from one clears it everywhere', async () => {
    p = await startProperty({ desks: ['Desk A', 'Desk B'], deskOptions: {} });
    for (const desk of p.desks.values()) expect((await desk.invoke('updateSettings', { patch: { ringTimeoutMs: 5_000 } })).ok).toBe(true);
    const echo = p.sim.addRoom({ address: 'room-102', addressType: 'RAW_ADDRESS', name: 'Room 102' });
    const sessionId = await echo.callDesk();
    const ended = await p.sim.waitFor((m) => m.sessionId === sessionId && m.type === `${NS}CallEnded`, 10_000);
    expect(ended).toMatchObject({ callResult: { code: 'SESSION_TIMEOUT' } });
    for (const desk of p.desks.values()) {
      await desk.waitForCall(sessionId, (c) => c.phase === 'ended' && c.endReason === 'missed');
      await desk.waitForCalls((s) => s.missed.some((m) => m.sessionId === sessionId));
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(count(p, sessionId, 'CallEnded')).toBe(1);

    // Missed calls are kept by the caller's address: the room is found at each desk from its own directory.
    const room = { id: 'r102', name: 'Room 102', address: 'room-102', addressType: 'RAW_ADDRESS' as const };
    for (const desk of p.desks.values()) expect((await desk.invoke('saveRoom', { room })).ok).toBe(true);
    await p.desk('Desk B').waitForCalls((s) => s.missed.some((m) => m.sessionId === sessionId && m.title === 'Room 102'));
    expect((await p.desk('Desk A').invoke('clearMissed', { roomId: 'r102' })).ok).toBe(true);
    for (const desk of p.desks.values()) await desk.waitForCalls((s) => s.missed.length === 0);
  });

  it('a desk calling a room owns that call from the start; the other desks see the room busy with that desk', async () => {
    p = await startProperty({ desks: ['Desk A', 'Desk B'] });
    const echo = p.sim.addRoom({ address: 'room-201', addressType: 'RAW_ADDRESS', name: 'Room 201' });
    echo.policy = { answer: 'manual', answerDelayMs: 0, sendInProgress: false };
    const room = { id: 'r201', name: 'Room 201', address: 'room-201', addressType: 'RAW_ADDRESS' as const };
    for (const desk of p.desks.values()) expect((await desk.invoke('saveRoom', { room })).ok).toBe(true);
    const a = p.desk('Desk A');
    const placed = await a.invoke('callRoom', { roomId: 'r201', video: false });
    if (!placed.ok) throw new Error(placed.error);
    const { sessionId } = placed.value;
    await p.sim.waitFor((m) => m.sessionId === sessionId && m.type === `${NS}InitiateInboundCall`, 10_000);
    const seen = await p.desk('Desk B').waitForCalls((s) => s.elsewhere.some((c) => c.sessionId === sessionId));
    expect(seen.elsewhere.find((c) => c.sessionId === sessionId)).toMatchObject({ desk: 'Desk A', roomId: 'r201', direction: 'outgoing' });
    expect(p.desk('Desk B').call(sessionId)).toBeUndefined(); // nothing in Desk B's dock

    await expect.poll(() => echo.state).toBe('ringing');
    await echo.accept();
    await a.waitForCall(sessionId, (c) => c.phase === 'active', 20_000);
    await p.desk('Desk B').waitForCalls((s) => s.elsewhere.some((c) => c.sessionId === sessionId && c.phase === 'active' && c.desk === 'Desk A'));
    expect((await a.invoke('hangup', { sessionId })).ok).toBe(true);
    await p.desk('Desk B').waitForCalls((s) => !s.elsewhere.some((c) => c.sessionId === sessionId));
  });

  it('with auto-answer on at one desk only, that desk takes the call and the others stop ringing', async () => {
    p = await startProperty({ desks: ['Desk A'] });
    await p.addDesk('Desk B', { autoAnswer: 'all' });
    await p.waitForDesksOnline(2);
    const echo = p.sim.addRoom({ address: 'room-301', addressType: 'RAW_ADDRESS', name: 'Room 301' });
    const sessionId = await echo.callDesk();
    await p.desk('Desk B').waitForCall(sessionId, (c) => c.phase === 'active', 20_000);
    await p.desk('Desk A').waitForCall(sessionId, (c) => c.phase === 'ended' && c.endReason === 'answered-elsewhere' && c.desk === 'Desk B');
    // The call is up at Desk B as soon as its answer is made; the CallAccepted reaches Alexa a moment later.
    await p.sim.waitFor((m) => m.sessionId === sessionId && m.type === `${NS}CallAccepted`);
    expect(count(p, sessionId, 'CallAccepted')).toBe(1);
  });

  it('every desk counts the desks online; a desk that stops is counted out at once', async () => {
    p = await startProperty({ desks: ['Desk A', 'Desk B', 'Desk C'] });
    const status = await p.desk('Desk A').waitForStatus((s) => s.property?.desks.length === 3);
    expect(status.property).toMatchObject({ state: 'connected', property: p.property, broker: p.nats.url });
    expect(status.property!.desks.map((d) => d.name)).toEqual(['Desk A', 'Desk B', 'Desk C']);
    await p.desk('Desk C').close();
    p.desks.delete('Desk C');
    await p.waitForDesksOnline(2);
  });

  it('links through the grant in property mode: a desk holding the signaling client answers the skill, and without one the skill says so', async () => {
    p = await startProperty({ desks: ['Desk A'], deskOptions: { envCredentials: undefined } });
    // No desk holds a signaling client yet: nobody answers the grant request.
    const refused = await p.sim.sendAuthorizationGrant();
    expect(refused.body).toMatchObject({ response: { event: { header: { name: 'ErrorResponse' }, payload: { type: 'ACCEPT_GRANT_FAILED' } } } });
    expect(JSON.stringify(refused.body)).toMatch(/no desk of the property that holds the signaling client is online/);

    const b = await p.addDesk('Desk B');
    expect((await b.invoke('saveSignalingClient', { clientId: p.sim.credentials.clientId, clientSecret: p.sim.credentials.clientSecret })).ok).toBe(true);
    await expect.poll(async () => ((await p!.sim.sendAuthorizationGrant()).body as { response?: { event?: { header?: { name?: string } } } })?.response?.event?.header?.name, { timeout: 10_000 }).toBe('AcceptGrant.Response');
    await b.waitForStatus((s) => s.mode === 'linked');
    expect(p.desk('Desk A').latest.status?.mode).not.toBe('linked'); // A holds no client: it never took the grant
  });

  it('bad envelopes on the events subject are refused without effect, and a good call still rings', async () => {
    p = await startProperty({ desks: ['Desk A', 'Desk B'] });
    const { connect } = await import('@nats-io/transport-node');
    const { jetstream } = await import('@nats-io/jetstream');
    const nc = await connect({ servers: p.nats.url });
    const js = jetstream(nc);
    const subject = `fd.${p.property}.events`;
    for (const body of ['not json', '[]', '{"request":{"type":"Alexa.Comms.CallSignaling.InitiateOutboundCall","sessionId":"x"}}', '{"request":{"type":"Alexa.Comms.CallSignaling.CallEnded"}}', `{"request":${'['.repeat(3000)}${']'.repeat(3000)}}`]) {
      await js.publish(subject, body);
    }
    await nc.close();
    const echo = p.sim.addRoom({ address: 'room-401', addressType: 'RAW_ADDRESS', name: 'Room 401' });
    const sessionId = await echo.callDesk();
    for (const desk of p.desks.values()) {
      await desk.waitForCall(sessionId, (c) => c.phase === 'ringing');
      expect(desk.latest.calls!.calls.map((c) => c.sessionId)).toEqual([sessionId]);
    }
  });

  it('a desk not linked to Amazon shows the property\'s calls but does not ring, and does not hold a call open', async () => {
    p = await startProperty({ desks: ['Desk A', 'Desk B'] });
    const unlinked = await p.addDesk('Desk C', { envCredentials: undefined });
    await p.waitForDesksOnline(3);
    expect(unlinked.latest.status?.mode).toBe('unlinked');
    const echo = p.sim.addRoom({ address: 'room-601', addressType: 'RAW_ADDRESS', name: 'Room 601' });
    const sessionId = await echo.callDesk();
    for (const name of ['Desk A', 'Desk B']) await p.desk(name).waitForCall(sessionId, (c) => c.phase === 'ringing');
    await unlinked.waitForCalls((s) => s.elsewhere.some((c) => c.sessionId === sessionId && c.phase === 'ringing'));
    expect(unlinked.call(sessionId)).toBeUndefined();

    // The linked desks both decline: that is every desk that rings, so the call ends.
    await p.desk('Desk A').invoke('decline', { sessionId });
    await p.desk('Desk B').invoke('decline', { sessionId });
    await p.sim.waitFor((m) => m.sessionId === sessionId && m.type === `${NS}CallEnded`);
    await unlinked.waitForCalls((s) => !s.elsewhere.some((c) => c.sessionId === sessionId));
  });
});
