// Property mode under faults, with a real nats-server: the broker killed and restarted while a call
// rings, a desk killed mid-ring and started again, and the desk that had a call killed mid-call.
// Desks that must die like a crashed PC run as headless processes (SIGKILL).
import { afterEach, describe, expect, it } from 'vitest';
import type { CallView, Snapshot } from '../../main/ipc/contract.js';
import { BridgeClient, startHeadless, type Headless } from '../support/headless-process.js';
import { startProperty, type PropertyFixture } from '../support/property.js';

const NS = 'Alexa.Comms.CallSignaling.';
let p: PropertyFixture | null = null;
const children: Headless[] = [];
const bridges: BridgeClient[] = [];

afterEach(async () => {
  for (const b of bridges.splice(0)) b.close();
  for (const c of children.splice(0)) await c.stop('SIGKILL');
  await p?.close();
  p = null;
});

const count = (fixture: PropertyFixture, sessionId: string, name: string) =>
  fixture.sim.received.filter((m) => m.sessionId === sessionId && m.type === `${NS}${name}`).length;

/** A desk of the property in its own process, linked to the simulated Alexa. */
async function headlessDesk(fixture: PropertyFixture, name: string, dataDir?: string): Promise<{ desk: Headless; bridge: BridgeClient }> {
  const desk = await startHeadless(
    ['--alexa-api', fixture.sim.apiBase, '--lwa-token-url', fixture.sim.tokenUrl, '--broker', fixture.nats.url, '--property', fixture.property, '--desk-name', name],
    { DESK_LWA_CLIENT_ID: fixture.sim.credentials.clientId, DESK_LWA_CLIENT_SECRET: fixture.sim.credentials.clientSecret, DESK_LWA_REFRESH_TOKEN: fixture.sim.credentials.refreshToken },
    { dataDir },
  );
  children.push(desk);
  const bridge = await BridgeClient.connect(desk.ui);
  bridges.push(bridge);
  return { desk, bridge };
}

/** The desk's calls as it would show them now (its own calls and those other desks have). */
async function callsAt(bridge: BridgeClient): Promise<{ calls: CallView[]; elsewhere: CallView[] }> {
  const r = await bridge.invoke('getSnapshot', {});
  if (!r.ok) throw new Error(r.error);
  return (r.value as Snapshot).calls;
}

describe('property mode under faults', () => {
  it('a broker restart mid-ring loses no ringing call: the desks say so, reconnect, and the call is answered once', async () => {
    p = await startProperty({ desks: ['Desk A', 'Desk B'] });
    const echo = p.sim.addRoom({ address: 'room-501', addressType: 'RAW_ADDRESS', name: 'Room 501' });
    const sessionId = await echo.callDesk();
    for (const desk of p.desks.values()) await desk.waitForCall(sessionId, (c) => c.phase === 'ringing');

    await p.nats.kill();
    for (const desk of p.desks.values()) {
      await desk.waitForStatus((s) => s.property?.state === 'unreachable');
      const notices = await desk.invoke('getSnapshot', {});
      expect(notices.ok && (notices.value as Snapshot).notices.some((n) => n.message.id === 'notice.propertyUnreachable')).toBe(true);
    }
    const started = Date.now();
    await p.nats.restart();
    for (const desk of p.desks.values()) await desk.waitForStatus((s) => s.property?.state === 'connected' && s.property.desks.length === 2, 15_000);
    expect(Date.now() - started).toBeLessThan(10_000); // generous; the bench measures it
    for (const desk of p.desks.values()) {
      expect(desk.call(sessionId)?.phase).toBe('ringing');
      const snapshot = await desk.invoke('getSnapshot', {});
      expect(snapshot.ok && (snapshot.value as Snapshot).notices.some((n) => n.message.id === 'notice.propertyUnreachable')).toBe(false);
    }

    expect((await p.desk('Desk A').invoke('answer', { sessionId, video: false })).ok).toBe(true);
    await p.desk('Desk A').waitForCall(sessionId, (c) => c.phase === 'active', 20_000);
    await p.desk('Desk B').waitForCall(sessionId, (c) => c.endReason === 'answered-elsewhere');
    await echo.waitForMediaFlowing();
    expect(count(p, sessionId, 'CallRinging')).toBe(1);
    expect(count(p, sessionId, 'CallAccepted')).toBe(1);
  });

  it('a desk killed mid-ring leaves the others ringing; started again it rings too, and it stops when another desk answers', async () => {
    p = await startProperty({ desks: ['Desk A'] });
    const b = await headlessDesk(p, 'Desk B');
    await p.waitForDesksOnline(2);
    const echo = p.sim.addRoom({ address: 'room-502', addressType: 'RAW_ADDRESS', name: 'Room 502' });
    const sessionId = await echo.callDesk();
    await p.desk('Desk A').waitForCall(sessionId, (c) => c.phase === 'ringing');
    await expect.poll(async () => (await callsAt(b.bridge)).calls.find((c) => c.sessionId === sessionId)?.phase).toBe('ringing');
    // Mid-ring: Alexa has been told the desk rings (a desk showing the call may still be telling it).
    await expect.poll(() => count(p!, sessionId, 'CallRinging')).toBe(1);

    await b.desk.stop('SIGKILL');
    await new Promise((r) => setTimeout(r, 500));
    expect(p.desk('Desk A').call(sessionId)?.phase).toBe('ringing');

    const again = await headlessDesk(p, 'Desk B', b.desk.dataDir);
    // Replayed from the property's stream: the call still rings, so it rings here again.
    await expect.poll(async () => (await callsAt(again.bridge)).calls.find((c) => c.sessionId === sessionId)?.phase, { timeout: 10_000 }).toBe('ringing');

    expect((await p.desk('Desk A').invoke('answer', { sessionId, video: false })).ok).toBe(true);
    await p.desk('Desk A').waitForCall(sessionId, (c) => c.phase === 'active', 20_000);
    await expect.poll(async () => (await callsAt(again.bridge)).calls.find((c) => c.sessionId === sessionId)?.endReason, { timeout: 10_000 }).toBe('answered-elsewhere');
    expect(count(p, sessionId, 'CallRinging')).toBe(1);
    expect(count(p, sessionId, 'CallAccepted')).toBe(1);
  });

  it('the desk that had a call killed mid-call: another desk ends the call at Alexa and the rooms show it over', async () => {
    p = await startProperty({ desks: ['Desk A'] });
    const b = await headlessDesk(p, 'Desk B');
    await p.waitForDesksOnline(2);
    const echo = p.sim.addRoom({ address: 'room-503', addressType: 'RAW_ADDRESS', name: 'Room 503' });
    const sessionId = await echo.callDesk();
    await expect.poll(async () => (await callsAt(b.bridge)).calls.find((c) => c.sessionId === sessionId)?.phase).toBe('ringing');
    // Desk B takes the call (it has no window running media: the call stays connecting there).
    expect((await b.bridge.invoke('answer', { sessionId, video: false })).ok).toBe(true);
    await p.desk('Desk A').waitForCalls((s) => s.elsewhere.some((c) => c.sessionId === sessionId && c.desk === 'Desk B'));

    await b.desk.stop('SIGKILL');
    const ended = await p.sim.waitFor((m) => m.sessionId === sessionId && m.type === `${NS}CallEnded`, 40_000);
    expect(ended).toMatchObject({ callResult: { code: 'INTERNAL_ERROR' } });
    await p.desk('Desk A').waitForCalls((s) => !s.elsewhere.some((c) => c.sessionId === sessionId));
    expect(count(p, sessionId, 'CallEnded')).toBe(1);
  }, 60_000);
});
