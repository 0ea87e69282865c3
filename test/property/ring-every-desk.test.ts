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
    await b.waitForCall(sessionId, (c) => c.phase === 'active');
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
    expect(await p.desk('Desk C').invoke('answer', { sessionId, video: false })).toMatchObject({ ok: false });

    expect(count(p, sessionId, 'CallRinging')).toBe(1);
    expect(count(p, sessionId, 'CallAccepted')).toBe(1);
    expect(count(p, sessionId, 'CallEnded')).toBe(0);

    await echo.hangup();
    await b.waitForCall(sessionId, (c) => c.phase === 'ended' && c.endReason === 'completed');
    for (const desk of p.desks.values()) await desk.waitForCalls((s) => !s.elsewhere.some((c) => c.sessionId === sessionId));
  });
});
