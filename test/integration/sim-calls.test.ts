// Calls through the simulator with real WebRTC media: an Echo calls the desk, the desk calls an
// Echo, both sides renegotiate (hold, resume, video off) and hang up.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimAlexa, type SimAlexa } from '../../main/sim/alexa-cloud.js';
import type { SimEchoRoom } from '../../main/sim/echo-room.js';
import { FakeDesk } from './sim-fake-desk.js';

const NS = 'Alexa.Comms.CallSignaling.';
const types = (list: { type: string }[]) => list.map((m) => m.type.replace(NS, ''));
const sdpOf = (m: unknown) => (m as { sdpDetails: { value: string } }).sdpDetails.value;

let desk: FakeDesk;
let sim: SimAlexa;

beforeEach(async () => {
  desk = await FakeDesk.start();
  sim = await startSimAlexa({ webhookUrl: desk.url, webhookSecret: 'hook-secret' });
  desk.attach(sim);
});

afterEach(async () => {
  await sim.close();
  await desk.close();
});

function onceEvent<T>(room: SimEchoRoom, event: 'connected' | 'ended' | 'ringing' | 'update'): Promise<T> {
  return new Promise((resolve) => room.once(event, (arg: unknown) => resolve(arg as T)));
}

describe('an Echo calls the desk', () => {
  it('offers through InitiateOutboundCall, connects on CallAccepted and carries audio both ways', async () => {
    const room = sim.addRoom({ address: 'amzn1.alexa.communications.profile.did.R101', name: 'Room 101' });
    const connected = onceEvent(room, 'connected');
    const sessionId = await room.callDesk();
    await connected;
    expect(room.state).toBe('in-call');
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);

    const offer = desk.events[0]!;
    expect(offer.type).toBe(`${NS}InitiateOutboundCall`);
    expect(offer.participants).toEqual([
      { id: { type: 'COMMUNICATION_PROFILE_ID', value: 'amzn1.alexa.communications.profile.did.R101' }, isOriginator: true },
      { id: { type: 'RAW_ADDRESS', value: 'front-desk' }, isOriginator: false },
    ]);
    const offerSdp = sdpOf(offer);
    expect(offerSdp).toContain('a=candidate:'); // non-trickle: candidates inside the SDP
    expect(offerSdp).not.toContain('m=application'); // no data channel
    expect(desk.raw[0]!.authorization).toBe('Bearer hook-secret');

    await room.waitForMediaFlowing({ timeoutMs: 5_000 });
    await desk.waitForInbound(sessionId, 'audio');
    const stats = await room.stats();
    expect(stats.outboundAudioBytes).toBeGreaterThan(0);
    expect(stats.inboundAudioBytes).toBeGreaterThan(0);

    await desk.waitForEvent((e) => e.type === `${NS}CallAcceptedAck`);
    expect(types(sim.received)).toEqual(['CallRinging', 'CallAccepted']);
    expect(types(desk.events)).toEqual(['InitiateOutboundCall', 'CallRingingAck', 'CallAcceptedAck']);

    const ended = onceEvent(room, 'ended');
    await room.hangup();
    expect(await ended).toMatchObject({ sessionId, code: 'SUCCESS', by: 'room' });
    const end = await desk.waitForEvent((e) => e.type === `${NS}CallEnded`);
    expect(end.callResult).toEqual({ code: 'SUCCESS', message: 'Call ended by user' });
    expect(room.state).toBe('idle');
  });

  it('ends the call when the desk sends CallEnded, and refuses messages after that', async () => {
    const room = sim.addRoom({ address: 'R102' });
    const connected = onceEvent(room, 'connected');
    const sessionId = await room.callDesk();
    await connected;
    const ended = onceEvent(room, 'ended');
    await desk.hangup(sessionId);
    expect(await ended).toMatchObject({ sessionId, by: 'desk', code: 'SUCCESS' });
    expect((await desk.post({ type: `${NS}CallRinging`, sessionId })).status).toBe(409);
    expect((await desk.post({ type: `${NS}CallEnded`, sessionId })).status).toBe(200); // a repeat is harmless
  });
});

describe('the desk calls an Echo', () => {
  it('rings, sends the early answer, accepts, and carries audio and video both ways', async () => {
    const room = sim.addRoom({ address: 'R201', policy: { answer: 'auto', answerDelayMs: 0, sendInProgress: true } });
    desk.video = true;
    const connected = onceEvent(room, 'connected');
    const sessionId = await desk.callRoom('R201');
    await connected;
    expect(room.sessionId).toBe(sessionId);

    await desk.waitForEvent((e) => e.type === `${NS}CallAccepted`);
    expect(types(desk.events)).toEqual(['CallRinging', 'CallInProgress', 'CallAccepted']);
    await sim.waitFor((m) => m.type === `${NS}CallAcceptedAck`);
    expect(types(sim.received)).toEqual(['InitiateInboundCall', 'CallRingingAck', 'CallInProgressAck', 'CallAcceptedAck']);

    await room.waitForMediaFlowing({ kind: 'video' });
    await room.waitForMediaFlowing({ kind: 'audio' });
    await desk.waitForInbound(sessionId, 'audio');
    await desk.waitForInbound(sessionId, 'video');

    // The desk holds and resumes: the room answers each re-offer, echoing renegotiationType.
    await desk.reoffer(sessionId, 'CALL_HOLD');
    expect(room.heldByDesk).toBe(true);
    const holdResponse = desk.events.find((e) => e.type === `${NS}CallUpdateResponse`)!;
    expect(holdResponse.renegotiationType).toBe('CALL_HOLD');
    expect(sdpOf(holdResponse)).toMatch(/a=(recvonly|inactive)/);
    await desk.reoffer(sessionId, 'CALL_RESUME');
    expect(room.heldByDesk).toBe(false);
    await desk.waitForInbound(sessionId, 'audio');
    expect(room.state).toBe('in-call');
  });

  it('follows the room policy: decline, manual answer, and busy', async () => {
    const declining = sim.addRoom({ address: 'R301', policy: { answer: 'decline', answerDelayMs: 0 } });
    const declined = await desk.callRoom('R301');
    const end = await desk.waitForEvent((e) => e.type === `${NS}CallEnded` && e.sessionId === declined);
    expect(end.callResult).toMatchObject({ code: 'DEVICE_BUSY' });
    expect(declining.state).toBe('idle');

    const manual = sim.addRoom({ address: 'R302', policy: { answer: 'manual', sendInProgress: false } });
    const ringing = onceEvent(manual, 'ringing');
    const sessionId = await desk.callRoom('R302');
    await ringing;
    expect(manual.state).toBe('ringing');
    const busy = await desk.callRoom('R302');
    const busyEnd = await desk.waitForEvent((e) => e.type === `${NS}CallEnded` && e.sessionId === busy);
    expect(busyEnd.callResult).toMatchObject({ code: 'DEVICE_BUSY' });
    expect(manual.sessionId).toBe(sessionId); // the ringing call is untouched

    await manual.accept();
    await desk.waitForEvent((e) => e.type === `${NS}CallAccepted` && e.sessionId === sessionId);
    expect(desk.events.some((e) => e.type === `${NS}CallInProgress` && e.sessionId === sessionId)).toBe(false);
    await manual.waitForMediaFlowing();
  });

  it('stops ringing when the desk cancels, and says nothing more about the call', async () => {
    const room = sim.addRoom({ address: 'R303', policy: { answer: 'manual', sendInProgress: false } });
    const ringing = onceEvent(room, 'ringing');
    const sessionId = await desk.callRoom('R303');
    await ringing;
    const ended = onceEvent(room, 'ended');
    await desk.hangup(sessionId);
    expect(await ended).toMatchObject({ sessionId, by: 'desk' });
    expect(room.state).toBe('idle');
    await expect(room.accept()).rejects.toThrow(/no ringing call/);
    expect(desk.events.filter((e) => e.sessionId === sessionId).map((e) => e.type.replace(NS, ''))).toEqual(['CallRinging']);
  });

  it('answers 404 for an unknown callee and records nothing', async () => {
    await expect(desk.callRoom('nobody')).rejects.toThrow(/404.*no device has the address/);
    expect(sim.received).toEqual([]);
  });
});

describe('the Echo renegotiates', () => {
  it('holds, resumes and turns its video off while the call stays up', async () => {
    const room = sim.addRoom({ address: 'R401' });
    desk.video = true;
    const connected = onceEvent(room, 'connected');
    const sessionId = await room.callDesk({ video: true });
    await connected;
    await desk.waitForInbound(sessionId, 'video');

    await room.reoffer({ renegotiationType: 'CALL_HOLD' });
    const hold = sim.deliveries.find((d) => d.type === `${NS}CallUpdate`)!;
    expect(hold.status).toBe(200);
    const holdOffer = desk.events.find((e) => e.type === `${NS}CallUpdate`)!;
    expect(holdOffer.renegotiationType).toBe('CALL_HOLD');
    expect(sdpOf(holdOffer)).not.toMatch(/a=sendrecv/);
    await sim.waitForDelivery((d) => d.type === `${NS}CallUpdateAck`);
    await new Promise((r) => setTimeout(r, 200)); // let packets already on the way arrive
    const heldBefore = await room.stats();
    await new Promise((r) => setTimeout(r, 300));
    const heldAfter = await room.stats();
    expect(heldAfter.inboundAudioBytes).toBe(heldBefore.inboundAudioBytes); // on hold: no media either way
    expect(heldAfter.outboundAudioBytes).toBe(heldBefore.outboundAudioBytes);

    await room.reoffer({ renegotiationType: 'CALL_RESUME' });
    await room.waitForMediaFlowing({ kind: 'audio' });

    await room.reoffer({ renegotiationType: 'CALL_UPDATE', video: false });
    await new Promise((r) => setTimeout(r, 200)); // let packets already on the way leave
    const before = await room.stats();
    await room.waitForMediaFlowing({ kind: 'audio' }); // audio keeps flowing in and out
    const after = await room.stats();
    expect(after.outboundAudioBytes).toBeGreaterThan(before.outboundAudioBytes);
    expect(after.outboundVideoBytes).toBe(before.outboundVideoBytes);
    expect(room.state).toBe('in-call');
    expect(types(sim.received).filter((t) => t === 'CallUpdateResponse')).toHaveLength(3);
    expect(desk.hasPeer(sessionId)).toBe(true);
  });

  it('can re-offer right after connecting, as Alexa has been seen to do', async () => {
    const room = sim.addRoom({ address: 'R403', reofferOnConnect: true });
    const update = onceEvent<{ by: string; renegotiationType: string }>(room, 'update');
    const sessionId = await room.callDesk();
    expect(await update).toMatchObject({ by: 'room', renegotiationType: 'CALL_UPDATE' });
    const sequence = desk.events.map((e) => e.type.replace(NS, ''));
    expect(sequence.slice(0, 4)).toEqual(['InitiateOutboundCall', 'CallRingingAck', 'CallAcceptedAck', 'CallUpdate']);
    await sim.waitForDelivery((d) => d.type === `${NS}CallUpdateAck`);
    await room.waitForMediaFlowing();
    await desk.waitForInbound(sessionId);
  });

  it('keeps the call when the console refuses its re-offer, and can re-offer again', async () => {
    const room = sim.addRoom({ address: 'R404' });
    const connected = onceEvent(room, 'connected');
    const sessionId = await room.callDesk();
    await connected;
    desk.refuse.add('CallUpdate');
    await expect(room.reoffer({ renegotiationType: 'CALL_HOLD' })).rejects.toThrow(/did not take the CallUpdate: HTTP 500/);
    expect(room.state).toBe('in-call');
    desk.refuse.clear();
    await room.reoffer({ renegotiationType: 'CALL_UPDATE' });
    await room.waitForMediaFlowing();
    await desk.waitForInbound(sessionId);
  });

  it('refuses a CallUpdateResponse nobody asked for, and a CallUpdate before the call is up', async () => {
    const room = sim.addRoom({ address: 'R402', policy: { answer: 'manual' } });
    const sessionId = await desk.callRoom('R402');
    await onceEvent(room, 'ringing');
    const early = await desk.post({ type: `${NS}CallUpdate`, sessionId, renegotiationType: 'CALL_UPDATE', sdpDetails: { type: 'OFFER', value: 'v=0' } });
    expect(early.status).toBe(409);
    const stray = await desk.post({ type: `${NS}CallUpdateResponse`, sessionId, renegotiationType: 'CALL_UPDATE', sdpDetails: { type: 'ANSWER', value: 'v=0' } });
    expect(stray).toEqual({ status: 409, body: { message: 'CallUpdateResponse: no CallUpdate is waiting for a response' } });
    expect(room.state).toBe('ringing');
  });
});

describe('closing', () => {
  it('stops rooms, media and the server, leaving no timers behind', async () => {
    const timersBefore = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const room = sim.addRoom({ address: 'R501' });
    const connected = onceEvent(room, 'connected');
    await room.callDesk({ video: true });
    await connected;
    await sim.close();
    await desk.close();
    expect(room.state).toBe('idle');
    await expect(fetch(`${sim.apiBase}/auth/o2/token`, { method: 'POST' })).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 50));
    const timersAfter = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    expect(timersAfter).toBeLessThanOrEqual(timersBefore);
  });
});
