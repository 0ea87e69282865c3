// Demo mode: the demo hotel's rooms, calls from and to them with the known demo credentials.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, DEMO_ROOMS, startDemo, type Demo } from '../../main/sim/demo.js';
import { FakeDesk } from './sim-fake-desk.js';

const NS = 'Alexa.Comms.CallSignaling.';
let desk: FakeDesk;
let demo: Demo;

beforeEach(async () => {
  desk = await FakeDesk.start();
  demo = await startDemo({ webhookUrl: desk.url, contactId: 'reception-1' });
  desk.attach(demo.sim);
});
afterEach(async () => {
  await demo.close();
  await desk.close();
});

describe('demo rooms', () => {
  it('are 3 floors of 8 rooms with unique ids and addresses', () => {
    expect(DEMO_ROOMS).toHaveLength(24);
    expect(new Set(DEMO_ROOMS.map((r) => r.id)).size).toBe(24);
    expect(new Set(DEMO_ROOMS.map((r) => r.address)).size).toBe(24);
    expect(DEMO_ROOMS[0]).toEqual({
      id: 'room-101',
      name: 'Room 101',
      floor: 'Floor 1',
      address: 'amzn1.alexa.communications.profile.did.DEMO101',
      addressType: 'COMMUNICATION_PROFILE_ID',
    });
    expect(DEMO_ROOMS.at(-1)!.name).toBe('Room 308');
    expect(new Set(DEMO_ROOMS.map((r) => r.floor))).toEqual(new Set(['Floor 1', 'Floor 2', 'Floor 3']));
  });
});

describe('startDemo', () => {
  it('serves tokens for the demo credentials and lets a chosen room call the desk', async () => {
    expect(demo.sim.credentials).toEqual(DEMO_CREDENTIALS);
    expect(demo.tokenUrl).toBe(`${demo.apiBase}/auth/o2/token`);
    const sessionId = await demo.callDesk('room-203');
    const offer = await desk.waitForEvent((e) => e.type === `${NS}InitiateOutboundCall`);
    expect(offer.sessionId).toBe(sessionId);
    expect(offer.participants).toEqual([
      { id: { type: 'COMMUNICATION_PROFILE_ID', value: 'amzn1.alexa.communications.profile.did.DEMO203' }, isOriginator: true },
      { id: { type: 'RAW_ADDRESS', value: 'reception-1' }, isOriginator: false },
    ]);
    await desk.waitForEvent((e) => e.type === `${NS}CallAcceptedAck`);
    await desk.waitForInbound(sessionId);
  });

  it('picks an idle room when none is named, and refuses an unknown one', async () => {
    desk.autoAnswer = false;
    const first = await demo.callDesk();
    const second = await demo.callDesk(undefined, true);
    expect(first).not.toBe(second);
    const callers = desk.events.map((e) => (e.participants as { id: { value: string } }[])[0]!.id.value);
    expect(new Set(callers).size).toBe(2);
    await expect(demo.callDesk('room-999')).rejects.toThrow(/no demo room "room-999"/);
  });

  it('rooms answer the desk after a short ring', async () => {
    const sessionId = await desk.callRoom(DEMO_ROOMS[5]!.address);
    await desk.waitForEvent((e) => e.type === `${NS}CallRinging` && e.sessionId === sessionId);
    await desk.waitForEvent((e) => e.type === `${NS}CallAccepted` && e.sessionId === sessionId, 5_000);
    await desk.waitForInbound(sessionId);
  });
});
