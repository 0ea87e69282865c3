// The pure call state machine (main/calls/machine.ts): first every state × event pair, then each
// rule of the two flows (asp-protocol.md §1.3–1.6) with its exact effects.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startIncoming, startOutgoing, transition } from '../../main/calls/machine.js';
import type { Address, CallEvent, CallState, Claim, ClaimResult, Effect, EndReason, MachineConfig, Transition } from '../../main/calls/types.js';
import { MESSAGE_NAMES, parseMessage, type Message, type MessageName } from '../../main/protocol/messages.js';
import { outgoing } from '../../main/protocol/outgoing.js';

const config: MachineConfig = { ringTimeoutMs: 30_000, sendCallInProgress: false, callerName: 'Front Desk' };
const SID = 'session-1';
const ROOM: Address = { type: 'COMMUNICATION_PROFILE_ID', value: 'amzn1.alexa.communications.profile.did.ROOM214' };
const DESK: Address = { type: 'RAW_ADDRESS', value: 'front-desk' };
const OFFER = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=offer\r\n';
const ANSWER = 'v=0\r\no=- 2 2 IN IP4 127.0.0.1\r\ns=answer\r\n';
const NOW = 1_000;

// --- building events ---------------------------------------------------------------------------

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'messages', 'good');

/** An Alexa message of the given name for this call, from its good fixture. */
function msg<N extends MessageName>(name: N, changes: Record<string, unknown> = {}): Message<N> {
  const body = JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as Record<string, unknown>;
  const result = parseMessage({ ...body, sessionId: SID, ...changes });
  if (!result.ok) throw new Error(result.error);
  return result.value as Message<N>;
}

const alexa = (name: MessageName, changes: Record<string, unknown> = {}, now = NOW): CallEvent => ({
  kind: 'alexa',
  message: msg(name, changes),
  now,
});
const update = (renegotiationType: string, sdp = OFFER) =>
  alexa('CallUpdate', { renegotiationType, sdpDetails: { type: 'OFFER', value: sdp } });
/** A re-offer as Amazon's sample skill forwards it: without renegotiationType. */
const bareUpdate = (sdp: string) => alexa('CallUpdate', { renegotiationType: undefined, sdpDetails: { type: 'OFFER', value: sdp } });
/** Re-offers that real peers made as the room (test/fixtures/sdp/capture.ts). */
const roomSdp = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'sdp', `${name}.sdp`), 'utf8');
const sent = (name: string, now = NOW): CallEvent => ({ kind: 'sent', messageType: `Alexa.Comms.CallSignaling.${name}`, now });
const updateResponse = (sdp = ANSWER) => alexa('CallUpdateResponse', { sdpDetails: { type: 'ANSWER', value: sdp } });
const accepted = (sdp = ANSWER) => alexa('CallAccepted', { sdpDetails: { type: 'ANSWER', value: sdp } });
const inProgress = (sdp = ANSWER) => alexa('CallInProgress', { sdpDetails: { type: 'ANSWER', value: sdp } });
const intent = (i: 'decline' | 'hangup' | 'hold' | 'resume' | 'renegotiate', now = NOW): CallEvent => ({ kind: 'intent', intent: i, now });
const answer = (video = false, now = NOW): CallEvent => ({ kind: 'intent', intent: 'answer', video, now });
const mediaOk = (requestId: number, sdp?: string, now = NOW): CallEvent => ({
  kind: 'media',
  result: sdp === undefined ? { sessionId: SID, requestId, ok: true } : { sessionId: SID, requestId, ok: true, sdp },
  now,
});
const mediaFailed = (requestId: number, error = 'camera unavailable', now = NOW): CallEvent => ({
  kind: 'media',
  result: { sessionId: SID, requestId, ok: false, error },
  now,
});
const ringTimeout = (now = NOW): CallEvent => ({ kind: 'ring-timeout', now });
const won: ClaimResult = { outcome: 'won' };
const lostTo = (desk: string | null): ClaimResult => ({ outcome: 'lost', desk });
const unreachable: ClaimResult = { outcome: 'failed', error: 'call.failed.propertyUnreachable' };
const claimResult = (claim: Claim, result: ClaimResult, now = NOW): CallEvent => ({ kind: 'claim-result', claim, result, now });
const answeredBy = (desk: string, now = NOW): CallEvent => ({ kind: 'elsewhere', answeredBy: desk, now });
const endedElsewhere = (endedAs: EndReason, now = NOW): CallEvent => ({ kind: 'elsewhere', endedAs, now });
const END_LEFT: Claim = { what: 'end', why: 'left', send: ['DEVICE_BUSY', 'Declined by the front desk'] };
const shutdown = (now = NOW): CallEvent => ({ kind: 'shutdown', now });
const sendFailed = (messageType: string, detail = 'Alexa answered 500', now = NOW): CallEvent => ({
  kind: 'send-failed',
  messageType,
  detail,
  now,
});

// --- building states ---------------------------------------------------------------------------

function must(t: Transition): { state: CallState; effects: Effect[] } {
  if (!t.ok) throw new Error(`unexpected ${t.code}: ${t.message}`);
  return t;
}

/** Apply events in order, each of which must be valid; returns the last transition. */
function run(state: CallState, ...events: CallEvent[]): { state: CallState; effects: Effect[] } {
  let last = { state, effects: [] as Effect[] };
  for (const event of events) last = must(transition(last.state, event, config));
  return last;
}

const incomingRinging = () => must(startIncoming({ message: msg('InitiateOutboundCall'), now: 0 }, config)).state;
const incomingAnswering = () => run(incomingRinging(), answer(true)).state;
const incomingActive = () => run(incomingAnswering(), mediaOk(1, ANSWER)).state;
const outgoingOffering = () =>
  must(startOutgoing({ sessionId: SID, remote: ROOM, local: DESK, video: false, now: 0 }, config)).state;
const outgoingCalling = () => run(outgoingOffering(), mediaOk(1, OFFER)).state;
const outgoingAlerting = () => run(outgoingCalling(), alexa('CallRinging')).state;
const outgoingEarlyApplying = () => run(outgoingAlerting(), inProgress()).state;
const outgoingEarlyApplied = () => run(outgoingEarlyApplying(), mediaOk(2)).state;
const outgoingActiveApplying = () => run(outgoingAlerting(), accepted()).state;
const outgoingActive = () => run(outgoingActiveApplying(), mediaOk(2)).state;

// Property mode: every desk rings; claims decide which desk acts.
const shared: MachineConfig = { ...config, shared: true };
const sharedRinging = () => must(startIncoming({ message: msg('InitiateOutboundCall'), now: 0 }, shared)).state;
const sharedClaiming = () => run(sharedRinging(), answer(true)).state;
const sharedAnswering = () => run(sharedClaiming(), claimResult({ what: 'answer' }, won)).state;

/** Every negotiation variant on top of an active call (held and not). */
function activeVariants(prefix: string, active: () => CallState): [string, CallState][] {
  const base = active();
  const next = base.lastRequestId + 1;
  const held = run(base, intent('hold'), mediaOk(next, OFFER), updateResponse(), mediaOk(next + 1)).state;
  const heldNext = held.lastRequestId + 1;
  return [
    [`${prefix} active`, base],
    [`${prefix} active, remote re-offer`, run(base, update('CALL_UPDATE')).state],
    [`${prefix} active, remote hold re-offer`, run(base, update('CALL_HOLD')).state],
    [`${prefix} active, hold: creating offer`, run(base, intent('hold')).state],
    [`${prefix} active, hold: awaiting answer`, run(base, intent('hold'), mediaOk(next, OFFER)).state],
    [`${prefix} active, hold: applying answer`, run(base, intent('hold'), mediaOk(next, OFFER), updateResponse()).state],
    [`${prefix} active, held`, held],
    [`${prefix} active, held, remote re-offer`, run(held, update('CALL_UPDATE')).state],
    [`${prefix} active, resume: creating offer`, run(held, intent('resume')).state],
    [`${prefix} active, resume: awaiting answer`, run(held, intent('resume'), mediaOk(heldNext, OFFER)).state],
    [
      `${prefix} active, resume: applying answer`,
      run(held, intent('resume'), mediaOk(heldNext, OFFER), updateResponse()).state,
    ],
  ];
}

function allStates(): [string, CallState][] {
  return [
    ['incoming ringing', incomingRinging()],
    ['incoming answering', incomingAnswering()],
    ...activeVariants('incoming', incomingActive),
    ['incoming active, answer taken by Alexa', run(incomingActive(), sent('CallAccepted')).state],
    ['incoming active, room held (inferred)', run(incomingActive(), bareUpdate(roomSdp('echo-show-hold')), mediaOk(2, ANSWER)).state],
    ['incoming ended', run(incomingRinging(), intent('decline')).state],
    ['shared incoming ringing', sharedRinging()],
    ['shared incoming claiming', sharedClaiming()],
    ['shared incoming answering', sharedAnswering()],
    ...activeVariants('shared incoming', () => run(sharedAnswering(), mediaOk(1, ANSWER)).state),
    ['shared incoming answered elsewhere', run(sharedClaiming(), claimResult({ what: 'answer' }, lostTo('Desk B'))).state],
    ['shared incoming declined here', run(sharedRinging(), intent('decline')).state],
    ['outgoing offering', outgoingOffering()],
    ['outgoing calling', outgoingCalling()],
    ['outgoing alerting', outgoingAlerting()],
    ['outgoing early, applying', outgoingEarlyApplying()],
    ['outgoing early, applied', outgoingEarlyApplied()],
    ['outgoing active, applying answer', outgoingActiveApplying()],
    ['outgoing active, applying answer, remote re-offer', run(outgoingActiveApplying(), update('CALL_UPDATE')).state],
    ...activeVariants('outgoing', outgoingActive),
    ['outgoing ended', run(outgoingActive(), intent('hangup')).state],
  ];
}

/** The ids a state waits for: its current media results. */
function awaitedIds(state: CallState): number[] {
  const ids = [state.awaitingRequest];
  if (state.negotiation && 'requestId' in state.negotiation) ids.push(state.negotiation.requestId);
  return ids.filter((id): id is number => id !== null);
}

function allEvents(state: CallState): [string, CallEvent][] {
  const events: [string, CallEvent][] = [
    ...MESSAGE_NAMES.map((name): [string, CallEvent] => [`alexa ${name}`, alexa(name)]),
    ['alexa CallInProgress without SDP', alexa('CallInProgress', { sdpDetails: undefined })],
    ['alexa CallUpdate CALL_HOLD', update('CALL_HOLD')],
    ['alexa CallUpdate CALL_RESUME', update('CALL_RESUME')],
    ['alexa CallUpdate without type, Chromium holding', bareUpdate(roomSdp('chromium-hold'))],
    ['alexa CallUpdate without type, Echo holding', bareUpdate(roomSdp('echo-dot-hold'))],
    ['alexa CallUpdate without type, Echo resuming', bareUpdate(roomSdp('echo-dot-resume'))],
    ['alexa CallRinging of another session', alexa('CallRinging', { sessionId: 'other' })],
    ['intent answer audio', answer(false)],
    ['intent answer video', answer(true)],
    ['intent decline', intent('decline')],
    ['intent decline (do not disturb)', { kind: 'intent', intent: 'decline', dnd: true, now: NOW }],
    ['intent hangup', intent('hangup')],
    ['intent hold', intent('hold')],
    ['intent resume', intent('resume')],
    ['intent renegotiate', intent('renegotiate')],
    ['media stale', mediaOk(999, ANSWER)],
    ['media of another session', { kind: 'media', result: { sessionId: 'other', requestId: 1, ok: true, sdp: ANSWER }, now: NOW }],
    ['ring-timeout', ringTimeout()],
    ['sent CallAccepted', sent('CallAccepted')],
    ['sent CallRinging', sent('CallRinging')],
    ['sent CallEnded', sent('CallEnded')],
    ['sent unknown', sent('CallExploded')],
    ['send-failed CallAccepted', sendFailed('Alexa.Comms.CallSignaling.CallAccepted')],
    ['send-failed InitiateInboundCall', sendFailed('Alexa.Comms.CallSignaling.InitiateInboundCall')],
    ['send-failed CallRingingAck', sendFailed('Alexa.Comms.CallSignaling.CallRingingAck')],
    ['send-failed CallEnded', sendFailed('CallEnded')],
    ['send-failed unknown', sendFailed('Alexa.Comms.CallSignaling.CallExploded')],
    ['shutdown', shutdown()],
    ['claim ring won', claimResult({ what: 'ring' }, won)],
    ['claim ring lost', claimResult({ what: 'ring' }, lostTo(null))],
    ['claim answer won', claimResult({ what: 'answer' }, won)],
    ['claim answer lost', claimResult({ what: 'answer' }, lostTo('Desk B'))],
    ['claim answer failed', claimResult({ what: 'answer' }, unreachable)],
    ['claim end won', claimResult(END_LEFT, won)],
    ['claim end lost', claimResult(END_LEFT, lostTo(null))],
    ['answered at another desk', answeredBy('Desk B')],
    ['ended unanswered at another desk', endedElsewhere('missed')],
  ];
  for (const id of awaitedIds(state)) {
    events.push([`media ${id} ok with SDP`, mediaOk(id, ANSWER)]);
    events.push([`media ${id} ok without SDP`, mediaOk(id)]);
    events.push([`media ${id} failed`, mediaFailed(id)]);
  }
  return events;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const sends = (effects: Effect[]) => effects.flatMap((e) => (e.kind === 'send' ? [e.message] : []));
const close = { kind: 'media', request: { op: 'close', sessionId: SID } } as const;
const cancelTimer = { kind: 'cancel-ring-timer' } as const;
const sendEffect = (message: unknown) => ({ kind: 'send', message });
const ended = (code: Parameters<typeof outgoing.ended>[1], text: string) => sendEffect(outgoing.ended(SID, code, text));

// --- every state × event -----------------------------------------------------------------------

describe('every state × event', () => {
  const pairs = allStates().flatMap(([stateName, state]) =>
    allEvents(state).map(([eventName, event]) => ({ stateName, eventName, state, event })),
  );

  it('covers every phase', () => {
    expect(new Set(pairs.map((p) => p.state.phase))).toEqual(
      new Set(['ringing', 'answering', 'offering', 'calling', 'alerting', 'early', 'active', 'ended']),
    );
    expect(pairs.length).toBeGreaterThan(1_000);
  });

  it.each(pairs)('$stateName + $eventName', ({ state, event }) => {
    const before = structuredClone(state);
    deepFreeze(state); // any mutation of the input throws
    deepFreeze(event);
    const t = transition(state, event, config);
    expect(state).toEqual(before);

    if (!t.ok) {
      expect(['invalid-transition', 'stale-media-result']).toContain(t.code);
      expect(t.message.length).toBeGreaterThan(10);
      return;
    }
    const next = t.state;
    if (next === state) {
      // a no-op changes nothing at all; a won claim changes nothing here but sends the winner's message
      if (event.kind === 'claim-result' && event.result.outcome === 'won') expect(t.effects.every((e) => e.kind === 'send')).toBe(true);
      else expect(t.effects).toEqual([]);
      return;
    }
    if (next.phase === 'ended') {
      expect(next.endedAt).toBe(NOW);
      expect(next.endReason).not.toBeNull();
      if (state.phase !== 'ended') expect(t.effects.filter((e) => e.kind === 'media')).toEqual([close]);
    }
    expect(next.lastRequestId).toBeGreaterThanOrEqual(state.lastRequestId);
    expect(next.heldAt !== null).toBe(next.held); // on hold since when, exactly while held
    if (next.held && state.held) expect(next.heldAt).toBe(state.heldAt);
    for (const effect of t.effects) {
      if (effect.kind === 'send') {
        expect(effect.message.sessionId).toBe(SID);
        expect(parseMessage(effect.message).ok).toBe(true); // everything we send is a valid message
      }
      if (effect.kind === 'media') {
        expect(effect.request.sessionId).toBe(SID);
        // every new media request is one the new state waits for
        if (effect.request.op !== 'close') expect(awaitedIds(next)).toContain(effect.request.requestId);
      }
    }
  });

  it.each(allStates())('%s: a result with an unknown request id is stale', (_name, state) => {
    const t = transition(state, mediaOk(999, ANSWER), config);
    expect(t).toMatchObject({ ok: false, code: 'stale-media-result' });
  });
});

// --- incoming: an Echo calls the desk ----------------------------------------------------------

describe('incoming call (ASP outbound flow)', () => {
  it('starts ringing: CallRinging, then the ring timer', () => {
    const t = must(startIncoming({ message: msg('InitiateOutboundCall'), now: 5 }, config));
    expect(t.effects).toEqual([sendEffect(outgoing.ringing(SID)), { kind: 'start-ring-timer', ms: 30_000 }]);
    expect(t.state).toMatchObject({
      sessionId: SID,
      direction: 'incoming',
      phase: 'ringing',
      remote: ROOM,
      local: DESK,
      pendingOffer: msg('InitiateOutboundCall').sdpDetails.value,
      startedAt: 5,
      awaitingRequest: null,
      lastRequestId: 0,
    });
  });

  it('uses the desk address when Alexa names no callee, and refuses when there is neither', () => {
    const lone = msg('InitiateOutboundCall', {
      participants: [{ id: { type: 'COMMUNICATION_PROFILE_ID', value: ROOM.value }, isOriginator: true }],
    });
    const local: Address = { type: 'RAW_ADDRESS', value: 'desk-2' };
    expect(must(startIncoming({ message: lone, local, now: 0 }, config)).state.local).toEqual(local);
    expect(startIncoming({ message: lone, now: 0 }, config)).toMatchObject({ ok: false, code: 'invalid-transition' });
  });

  it('runs the default order: CallRinging, answer, CallAccepted; acks change nothing; hangup ends', () => {
    const ringing = incomingRinging();
    const answering = run(ringing, answer(true));
    expect(answering.effects).toEqual([
      { kind: 'media', request: { op: 'answer', sessionId: SID, requestId: 1, offer: ringing.pendingOffer, video: true } },
    ]);
    expect(answering.state).toMatchObject({ phase: 'answering', video: true, awaitingRequest: 1 });

    const active = run(answering.state, mediaOk(1, ANSWER, 2_000));
    expect(active.effects).toEqual([sendEffect(outgoing.accepted(SID, ANSWER)), cancelTimer]);
    expect(active.state).toMatchObject({ phase: 'active', answeredAt: 2_000, pendingOffer: null, awaitingRequest: null });

    for (const ack of ['CallRingingAck', 'CallInProgressAck', 'CallAcceptedAck', 'CallUpdateAck'] as const) {
      const t = must(transition(active.state, alexa(ack), config));
      expect(t.state).toBe(active.state);
      expect(t.effects).toEqual([]);
    }

    const done = run(active.state, intent('hangup'));
    expect(done.effects).toEqual([ended('SUCCESS', 'Call ended by the front desk'), close]);
    expect(done.state).toMatchObject({ phase: 'ended', endReason: 'completed', endedAt: NOW });
  });

  it('sends CallInProgress before CallAccepted when configured', () => {
    const t = must(transition(incomingAnswering(), mediaOk(1, ANSWER), { ...config, sendCallInProgress: true }));
    expect(t.effects).toEqual([
      sendEffect(outgoing.inProgress(SID, ANSWER)),
      sendEffect(outgoing.accepted(SID, ANSWER)),
      cancelTimer,
    ]);
  });

  it('acks arriving while ringing or answering change nothing', () => {
    for (const state of [incomingRinging(), incomingAnswering()]) {
      const t = must(transition(state, alexa('CallRingingAck'), config));
      expect(t.state).toBe(state);
      expect(t.effects).toEqual([]);
    }
  });

  it.each([
    ['ringing', incomingRinging],
    ['answering', incomingAnswering],
  ] as const)('while %s: decline and hangup decline the call', (_phase, make) => {
    for (const i of ['decline', 'hangup'] as const) {
      const t = run(make(), intent(i));
      expect(t.effects).toEqual([ended('DEVICE_BUSY', 'Declined by the front desk'), cancelTimer, close]);
      expect(t.state).toMatchObject({ phase: 'ended', endReason: 'declined', awaitingRequest: null, pendingOffer: null });
    }
  });

  it.each([
    ['ringing', incomingRinging],
    ['answering', incomingAnswering],
  ] as const)('while %s: refused under do not disturb, the call is missed (do not disturb), the room hears busy', (_phase, make) => {
    const t = run(make(), { kind: 'intent', intent: 'decline', dnd: true, now: NOW });
    expect(t.effects).toEqual([ended('DEVICE_BUSY', 'The front desk is not taking calls (do not disturb)'), cancelTimer, close]);
    expect(t.state).toMatchObject({ phase: 'ended', endReason: 'dnd' });
  });

  it.each([
    ['ringing', incomingRinging],
    ['answering', incomingAnswering],
  ] as const)('while %s: a ring timeout or the room hanging up is a missed call', (_phase, make) => {
    const timeout = run(make(), ringTimeout());
    expect(timeout.effects).toEqual([ended('SESSION_TIMEOUT', 'Not answered'), close]);
    expect(timeout.state.endReason).toBe('missed');

    const gone = run(make(), alexa('CallEnded'));
    expect(gone.effects).toEqual([cancelTimer, close]);
    expect(gone.state.endReason).toBe('missed');
  });

  it('a failed answer ends the call and tells Alexa', () => {
    const t = run(incomingAnswering(), mediaFailed(1, 'no microphone'));
    expect(t.state).toMatchObject({ phase: 'ended', endReason: 'failed', error: 'no microphone' });
    expect(t.effects).toEqual([
      ended('INTERNAL_ERROR', 'The front desk could not set up the call audio and video'),
      cancelTimer,
      close,
    ]);
  });

  it('an answer result without SDP is a failure', () => {
    const t = run(incomingAnswering(), mediaOk(1));
    expect(t.state).toMatchObject({ phase: 'ended', endReason: 'failed', error: 'The media layer returned no SDP' });
  });

  it('answering twice, holding while ringing and a CallUpdate before the answer are invalid', () => {
    expect(transition(incomingAnswering(), answer(), config)).toMatchObject({ ok: false, code: 'invalid-transition' });
    expect(transition(incomingRinging(), intent('hold'), config)).toMatchObject({
      ok: false,
      message: '"hold" is not valid: the incoming call is ringing at the desk',
    });
    expect(transition(incomingAnswering(), update('CALL_UPDATE'), config)).toMatchObject({
      ok: false,
      message: "Alexa's CallUpdate is not valid: the incoming call is being answered",
    });
  });

  it('refuses a message of another session', () => {
    const t = transition(incomingRinging(), alexa('CallEnded', { sessionId: 'other' }), config);
    expect(t).toMatchObject({ ok: false, code: 'invalid-transition' });
    if (!t.ok) expect(t.message).toContain('other');
  });
});

// --- outgoing: the desk calls a room -----------------------------------------------------------

describe('outgoing call (ASP inbound flow)', () => {
  it('runs the documented order with exact effects', () => {
    const start = must(startOutgoing({ sessionId: SID, remote: ROOM, local: DESK, video: true, now: 7 }, config));
    expect(start.effects).toEqual([
      { kind: 'media', request: { op: 'offer', sessionId: SID, requestId: 1, video: true, hold: false } },
    ]);
    expect(start.state).toMatchObject({ direction: 'outgoing', phase: 'offering', awaitingRequest: 1, startedAt: 7 });

    const calling = run(start.state, mediaOk(1, OFFER));
    expect(calling.effects).toEqual([
      sendEffect({
        type: 'Alexa.Comms.CallSignaling.InitiateInboundCall',
        sessionId: SID,
        participants: [
          { id: DESK, isOriginator: true },
          { id: ROOM, isOriginator: false },
        ],
        sdpDetails: { type: 'OFFER', value: OFFER },
        customParams: { callerName: 'Front Desk' },
      }),
      { kind: 'start-ring-timer', ms: 30_000 },
    ]);
    expect(calling.state).toMatchObject({ phase: 'calling', awaitingRequest: null });

    const alerting = run(calling.state, alexa('CallRinging'));
    expect(alerting.effects).toEqual([sendEffect(outgoing.ringingAck(SID))]);
    expect(alerting.state.phase).toBe('alerting');

    const early = run(alerting.state, inProgress('early answer'));
    expect(early.effects).toEqual([
      sendEffect(outgoing.inProgressAck(SID)),
      { kind: 'media', request: { op: 'apply-answer', sessionId: SID, requestId: 2, answer: 'early answer', provisional: true } },
    ]);
    expect(early.state).toMatchObject({ phase: 'early', awaitingRequest: 2 });

    const applied = run(early.state, mediaOk(2));
    expect(applied.effects).toEqual([]);
    expect(applied.state).toMatchObject({ phase: 'early', awaitingRequest: null });

    const active = run(applied.state, alexa('CallAccepted', { sdpDetails: { type: 'ANSWER', value: ANSWER } }, 3_000));
    expect(active.effects).toEqual([
      sendEffect(outgoing.acceptedAck(SID)),
      cancelTimer,
      { kind: 'media', request: { op: 'apply-answer', sessionId: SID, requestId: 3, answer: ANSWER, provisional: false } },
    ]);
    expect(active.state).toMatchObject({ phase: 'active', answeredAt: 3_000, awaitingRequest: 3 });

    const up = run(active.state, mediaOk(3));
    expect(up.effects).toEqual([]);
    expect(up.state.awaitingRequest).toBeNull();

    const gone = run(up.state, alexa('CallEnded'));
    expect(gone.effects).toEqual([close]);
    expect(gone.state.endReason).toBe('completed');
  });

  it('omits customParams unless a caller name is to be sent', () => {
    const t = must(transition(outgoingOffering(), mediaOk(1, OFFER), { ...config, callerName: undefined }));
    expect(sends(t.effects)[0]).not.toHaveProperty('customParams');
  });

  it('CallInProgress without SDP means the room rings', () => {
    const t = run(outgoingCalling(), alexa('CallInProgress', { sdpDetails: undefined }));
    expect(t.effects).toEqual([sendEffect(outgoing.inProgressAck(SID))]);
    expect(t.state.phase).toBe('alerting');
    expect(run(outgoingEarlyApplied(), alexa('CallInProgress', { sdpDetails: undefined })).state.phase).toBe('early');
  });

  it('a repeated CallRinging is acked again without a phase change', () => {
    for (const state of [outgoingAlerting(), outgoingEarlyApplied()]) {
      const t = run(state, alexa('CallRinging'));
      expect(t.effects).toEqual([sendEffect(outgoing.ringingAck(SID))]);
      expect(t.state.phase).toBe(state.phase);
    }
  });

  it('CallAccepted makes the early answer result stale', () => {
    const active = run(outgoingEarlyApplying(), accepted()).state;
    expect(transition(active, mediaOk(2), config)).toMatchObject({ ok: false, code: 'stale-media-result' });
    expect(run(active, mediaOk(3)).state.awaitingRequest).toBeNull();
  });

  it('no offer: the call fails without a word to Alexa', () => {
    const t = run(outgoingOffering(), mediaFailed(1, 'no camera'));
    expect(t.effects).toEqual([close]);
    expect(t.state).toMatchObject({ phase: 'ended', endReason: 'failed', error: 'no camera' });
  });

  it('hanging up while preparing the offer cancels silently', () => {
    const t = run(outgoingOffering(), intent('hangup'));
    expect(t.effects).toEqual([close]);
    expect(t.state.endReason).toBe('cancelled');
  });

  it.each([
    ['calling', outgoingCalling],
    ['alerting', outgoingAlerting],
    ['early', outgoingEarlyApplied],
  ] as const)('while %s: hangup cancels, timeout and CallEnded are no answer', (_phase, make) => {
    const cancel = run(make(), intent('hangup'));
    expect(cancel.effects).toEqual([ended('SUCCESS', 'Cancelled by the front desk'), cancelTimer, close]);
    expect(cancel.state.endReason).toBe('cancelled');

    const timeout = run(make(), ringTimeout());
    expect(timeout.effects).toEqual([ended('SESSION_TIMEOUT', 'Not answered'), close]);
    expect(timeout.state.endReason).toBe('no-answer');

    const rejected = run(make(), alexa('CallEnded', { callResult: { code: 'DEVICE_BUSY' } }));
    expect(rejected.effects).toEqual([cancelTimer, close]);
    expect(rejected.state.endReason).toBe('no-answer');
  });

  it('a room answer that cannot be applied fails the call', () => {
    const early = run(outgoingEarlyApplying(), mediaFailed(2));
    expect(early.effects).toEqual([ended('INTERNAL_ERROR', 'The front desk could not set up the call audio and video'), cancelTimer, close]);
    expect(early.state.endReason).toBe('failed');

    const final = run(outgoingActiveApplying(), mediaFailed(2));
    expect(final.effects).toEqual([ended('INTERNAL_ERROR', 'The front desk could not set up the call audio and video'), close]);
    expect(final.state.endReason).toBe('failed');
  });

  it('acks before the room answered are not expected', () => {
    expect(transition(outgoingAlerting(), alexa('CallRingingAck'), config)).toMatchObject({ ok: false });
    const active = outgoingActive();
    expect(must(transition(active, alexa('CallUpdateAck'), config)).state).toBe(active);
  });
});

// --- the call is up ----------------------------------------------------------------------------

describe('connecting until Alexa took the answer', () => {
  it('an answered incoming call is connecting until Alexa took its CallAccepted', () => {
    const active = incomingActive();
    expect(active).toMatchObject({ phase: 'active', acceptPending: true });
    expect(must(transition(active, sent('CallRinging'), config)).state).toBe(active); // not the answer
    const taken = run(active, sent('CallAccepted'));
    expect(taken.effects).toEqual([]);
    expect(taken.state).toEqual({ ...active, acceptPending: false });
    expect(must(transition(taken.state, sent('CallAccepted'), config)).state).toBe(taken.state);
  });

  it('with CallInProgress first, it is the CallAccepted that counts', () => {
    const withProgress = { ...config, sendCallInProgress: true };
    const active = must(transition(incomingAnswering(), mediaOk(1, ANSWER), withProgress)).state;
    expect(must(transition(active, sent('CallInProgress'), withProgress)).state.acceptPending).toBe(true);
    expect(must(transition(active, sent('CallAccepted'), withProgress)).state.acceptPending).toBe(false);
  });

  it('a CallAccepted Alexa never took ends the call instead of showing it up', () => {
    const t = run(incomingActive(), sendFailed('Alexa.Comms.CallSignaling.CallAccepted', 'no reply in time'));
    expect(t.state).toMatchObject({ phase: 'ended', endReason: 'failed', acceptPending: false, error: 'no reply in time' });
  });

  it('an outgoing call is up, not connecting, once the room accepted', () => {
    expect(outgoingActive().acceptPending).toBe(false);
    expect(incomingRinging().acceptPending).toBe(false);
  });

  it('refuses a sent event for an unknown message type and ignores any after the end', () => {
    expect(transition(incomingActive(), sent('CallExploded'), config)).toMatchObject({ ok: false, code: 'invalid-transition' });
    const over = run(incomingActive(), intent('hangup')).state;
    expect(must(transition(over, sent('CallAccepted'), config)).state).toBe(over);
  });
});

describe('a re-offer without renegotiationType (Amazon\'s sample skill drops it)', () => {
  it.each([
    ['Chromium', 'chromium'],
    ['an Echo Show', 'echo-show'],
    ['an Echo Dot (no camera)', 'echo-dot'],
  ])('reads hold and resume from the offers %s makes, and echoes them', (_peer, prefix) => {
    const holding = run(incomingActive(), bareUpdate(roomSdp(`${prefix}-hold`)), mediaOk(2, 'hold answer'));
    expect(holding.effects).toEqual([sendEffect(outgoing.updateResponse(SID, 'CALL_HOLD', 'hold answer'))]);
    expect(holding.state.remoteHeld).toBe(true);
    const resuming = run(holding.state, bareUpdate(roomSdp(`${prefix}-resume`)), mediaOk(3, 'resume answer'));
    expect(resuming.effects).toEqual([sendEffect(outgoing.updateResponse(SID, 'CALL_RESUME', 'resume answer'))]);
    expect(resuming.state.remoteHeld).toBe(false);
  });

  it('reads a re-offer that changes neither as a plain update', () => {
    const plain = run(incomingActive(), bareUpdate(roomSdp('chromium-offer')), mediaOk(2, 'a'));
    expect(plain.effects).toEqual([sendEffect(outgoing.updateResponse(SID, 'CALL_UPDATE', 'a'))]);
    const held = { ...incomingActive(), remoteHeld: true };
    const stillHeld = run(held, bareUpdate(roomSdp('echo-show-hold')), mediaOk(2, 'b'));
    expect(stillHeld.effects).toEqual([sendEffect(outgoing.updateResponse(SID, 'CALL_UPDATE', 'b'))]);
    expect(stillHeld.state.remoteHeld).toBe(true);
  });

  it('keeps a renegotiationType that was sent, whatever the offer says', () => {
    const t = run(incomingActive(), update('CALL_UPDATE', roomSdp('chromium-hold')), mediaOk(2, 'a'));
    expect(t.effects).toEqual([sendEffect(outgoing.updateResponse(SID, 'CALL_UPDATE', 'a'))]);
    expect(t.state.remoteHeld).toBe(false);
  });
});

describe('renegotiation on an active call', () => {
  it('answers a CallUpdate that arrives right after the incoming answer', () => {
    const active = incomingActive();
    const t = run(active, update('CALL_UPDATE', 'reoffer'));
    expect(t.effects).toEqual([
      { kind: 'media', request: { op: 'answer', sessionId: SID, requestId: 2, offer: 'reoffer', video: true } },
    ]);
    expect(t.state.negotiation).toEqual({ by: 'remote', renegotiationType: 'CALL_UPDATE', requestId: 2 });

    const done = run(t.state, mediaOk(2, 're-answer'));
    expect(done.effects).toEqual([sendEffect(outgoing.updateResponse(SID, 'CALL_UPDATE', 're-answer'))]);
    expect(done.state).toMatchObject({ phase: 'active', negotiation: null });
    expect(must(transition(done.state, alexa('CallUpdateAck'), config)).state).toBe(done.state);
  });

  it('answers a CallUpdate that arrives before the outgoing answer is applied, in any order', () => {
    const both = run(outgoingActiveApplying(), update('CALL_UPDATE', 'reoffer')).state;
    expect(both).toMatchObject({ awaitingRequest: 2, negotiation: { by: 'remote', requestId: 3 } });

    const reofferFirst = run(both, mediaOk(3, 're-answer'));
    expect(reofferFirst.effects).toEqual([sendEffect(outgoing.updateResponse(SID, 'CALL_UPDATE', 're-answer'))]);
    expect(run(reofferFirst.state, mediaOk(2)).state).toMatchObject({ awaitingRequest: null, negotiation: null });

    const applyFirst = run(both, mediaOk(2));
    expect(applyFirst.effects).toEqual([]);
    expect(run(applyFirst.state, mediaOk(3, 're-answer')).state).toMatchObject({ awaitingRequest: null, negotiation: null });
  });

  it.each([
    ['CALL_HOLD', false, true],
    ['CALL_RESUME', true, false],
    ['CALL_UPDATE', true, true],
    ['CALL_UPDATE', false, false],
  ] as const)('%s from the room (remoteHeld %s -> %s) is echoed and keeps the call up', (type, before, after) => {
    const state = { ...incomingActive(), remoteHeld: before };
    const t = run(state, update(type), mediaOk(2, 're-answer'));
    expect(t.effects).toEqual([sendEffect(outgoing.updateResponse(SID, type, 're-answer'))]);
    expect(t.state).toMatchObject({ phase: 'active', remoteHeld: after, negotiation: null });
  });

  it('a second CallUpdate replaces the first; the first result becomes stale', () => {
    const second = run(incomingActive(), update('CALL_UPDATE', 'first'), update('CALL_HOLD', 'second'));
    expect(second.effects).toEqual([
      { kind: 'media', request: { op: 'answer', sessionId: SID, requestId: 3, offer: 'second', video: true } },
    ]);
    expect(transition(second.state, mediaOk(2, 'a'), config)).toMatchObject({ ok: false, code: 'stale-media-result' });
    expect(run(second.state, mediaOk(3, 'b')).effects).toEqual([sendEffect(outgoing.updateResponse(SID, 'CALL_HOLD', 'b'))]);
  });

  it('a failed re-answer ends the call', () => {
    const t = run(incomingActive(), update('CALL_UPDATE'), mediaFailed(2, 'bad offer'));
    expect(t.effects).toEqual([ended('INTERNAL_ERROR', 'The front desk could not set up the call audio and video'), close]);
    expect(t.state).toMatchObject({ endReason: 'failed', error: 'bad offer' });
  });

  it('knows since when the desk holds a call: from the hold, until the resume or an undone hold', () => {
    const active = outgoingActive();
    expect(active.heldAt).toBeNull();
    const holding = run(active, intent('hold', 5_000));
    expect(holding.state).toMatchObject({ held: true, heldAt: 5_000 });
    const held = run(holding.state, mediaOk(3, OFFER, 5_100), updateResponse(), mediaOk(4, undefined, 5_200)).state;
    expect(held.heldAt).toBe(5_000);
    expect(run(held, intent('resume', 9_000)).state).toMatchObject({ held: false, heldAt: null });
    // A hold whose offer fails is undone: not held, no time.
    expect(run(active, intent('hold', 5_000), mediaFailed(3)).state).toMatchObject({ held: false, heldAt: null });
    // The room holding is not the desk holding.
    expect(run(active, update('CALL_HOLD')).state).toMatchObject({ remoteHeld: true, heldAt: null });
  });

  it('hold and resume by the desk: offer, CallUpdate, answer, CallUpdateAck', () => {
    const hold = run(outgoingActive(), intent('hold'));
    expect(hold.effects).toEqual([
      { kind: 'media', request: { op: 'offer', sessionId: SID, requestId: 3, video: false, hold: true } },
    ]);
    expect(hold.state).toMatchObject({
      held: true,
      negotiation: { by: 'local', step: 'creating-offer', renegotiationType: 'CALL_HOLD', requestId: 3 },
    });

    const sent = run(hold.state, mediaOk(3, 'hold offer'));
    expect(sent.effects).toEqual([sendEffect(outgoing.update(SID, 'CALL_HOLD', 'hold offer'))]);
    expect(sent.state.negotiation).toEqual({ by: 'local', step: 'awaiting-answer', renegotiationType: 'CALL_HOLD' });

    const applying = run(sent.state, updateResponse('hold answer'));
    expect(applying.effects).toEqual([
      { kind: 'media', request: { op: 'apply-answer', sessionId: SID, requestId: 4, answer: 'hold answer', provisional: false } },
    ]);

    const held = run(applying.state, mediaOk(4));
    expect(held.effects).toEqual([sendEffect(outgoing.updateAck(SID))]);
    expect(held.state).toMatchObject({ held: true, negotiation: null, phase: 'active' });

    const resume = run(held.state, intent('resume'));
    expect(resume.effects).toEqual([
      { kind: 'media', request: { op: 'offer', sessionId: SID, requestId: 5, video: false, hold: false } },
    ]);
    const resumed = run(resume.state, mediaOk(5, 'o'), updateResponse('a'), mediaOk(6));
    expect(resumed.effects).toEqual([sendEffect(outgoing.updateAck(SID))]);
    expect(resumed.state).toMatchObject({ held: false, negotiation: null });
    expect(sends(run(resume.state, mediaOk(5, 'o')).effects)).toEqual([outgoing.update(SID, 'CALL_RESUME', 'o')]);
  });

  it('offers fresh media with CALL_UPDATE when the media moved to another window, keeping hold as it is', () => {
    const active = incomingActive();
    const fresh = run(active, intent('renegotiate'));
    expect(fresh.effects).toEqual([{ kind: 'media', request: { op: 'offer', sessionId: SID, requestId: 2, video: active.video, hold: false } }]);
    expect(sends(run(fresh.state, mediaOk(2, 'o')).effects)).toEqual([outgoing.update(SID, 'CALL_UPDATE', 'o')]);
    const done = run(fresh.state, mediaOk(2, 'o'), updateResponse('a'), mediaOk(3));
    expect(done.state).toMatchObject({ held: false, negotiation: null, phase: 'active' });

    const held = run(active, intent('hold'), mediaOk(2, 'o'), updateResponse(), mediaOk(3)).state;
    expect(run(held, intent('renegotiate')).effects).toEqual([
      { kind: 'media', request: { op: 'offer', sessionId: SID, requestId: 4, video: active.video, hold: true } },
    ]);
    expect(transition(run(active, intent('hold')).state, intent('renegotiate'), config)).toEqual({
      ok: false,
      code: 'invalid-transition',
      message: 'Cannot renegotiate now: a renegotiation is in progress',
    });
  });

  it('asks for new ICE credentials when the renegotiation is to reconnect a failed connection', () => {
    const active = incomingActive();
    const restart = run(active, { kind: 'intent', intent: 'renegotiate', iceRestart: true, now: NOW });
    expect(restart.effects).toEqual([
      { kind: 'media', request: { op: 'offer', sessionId: SID, requestId: 2, video: active.video, hold: false, iceRestart: true } },
    ]);
    expect(sends(run(restart.state, mediaOk(2, 'o')).effects)).toEqual([outgoing.update(SID, 'CALL_UPDATE', 'o')]);
  });

  it('refuses hold/resume that make no sense or would overlap another exchange', () => {
    const active = incomingActive();
    const held = run(active, intent('hold'), mediaOk(2, 'o'), updateResponse(), mediaOk(3)).state;
    const cases: [CallState, CallEvent, string][] = [
      [held, intent('hold'), 'The call is already on hold'],
      [active, intent('resume'), 'The call is not on hold'],
      [run(active, intent('hold')).state, intent('resume'), 'Cannot resume now: a renegotiation is in progress'],
      [run(active, update('CALL_UPDATE')).state, intent('hold'), 'Cannot hold now: a renegotiation is in progress'],
      [outgoingActiveApplying(), intent('hold'), 'Cannot hold now: the call is still connecting'],
    ];
    for (const [state, event, message] of cases) {
      expect(transition(state, event, config)).toEqual({ ok: false, code: 'invalid-transition', message });
    }
  });

  it('a hold whose offer fails is undone and the call stays up', () => {
    const t = run(incomingActive(), intent('hold'), mediaFailed(2, 'offer failed'));
    expect(t.effects).toEqual([]);
    expect(t.state).toMatchObject({ phase: 'active', held: false, negotiation: null, error: 'offer failed' });
  });

  it('a CallUpdateResponse nobody waits for is invalid', () => {
    for (const state of [incomingActive(), run(incomingActive(), intent('hold')).state]) {
      expect(transition(state, updateResponse(), config)).toMatchObject({ ok: false, code: 'invalid-transition' });
    }
  });

  it('glare: the room re-offer wins over the desk hold at every step', () => {
    const active = incomingActive();
    const steps = [
      run(active, intent('hold')).state,
      run(active, intent('hold'), mediaOk(2, 'o')).state,
      run(active, intent('hold'), mediaOk(2, 'o'), updateResponse()).state,
    ];
    for (const state of steps) {
      const t = run(state, update('CALL_UPDATE', 'theirs'));
      const requestId = state.lastRequestId + 1;
      expect(t.state).toMatchObject({ held: false, negotiation: { by: 'remote', renegotiationType: 'CALL_UPDATE', requestId } });
      expect(t.effects).toEqual([
        { kind: 'media', request: { op: 'answer', sessionId: SID, requestId, offer: 'theirs', video: true } },
      ]);
      for (const old of awaitedIds(state)) {
        expect(transition(t.state, mediaOk(old, 'x'), config)).toMatchObject({ ok: false, code: 'stale-media-result' });
      }
      // Alexa's late answer to the dropped offer no longer fits
      expect(transition(t.state, updateResponse(), config)).toMatchObject({ ok: false, code: 'invalid-transition' });
    }
  });

  it('glare during a resume leaves the call held', () => {
    const held = run(incomingActive(), intent('hold'), mediaOk(2, 'o'), updateResponse(), mediaOk(3)).state;
    const t = run(held, intent('resume'), update('CALL_UPDATE'));
    expect(t.state).toMatchObject({ held: true, negotiation: { by: 'remote' } });
  });

  it('answer and decline are invalid on an active call', () => {
    for (const event of [answer(), intent('decline')]) {
      expect(transition(incomingActive(), event, config)).toMatchObject({ ok: false, code: 'invalid-transition' });
    }
  });
});

// --- any live phase ----------------------------------------------------------------------------

describe('send failures', () => {
  it.each(['CallRinging', 'CallAccepted', 'CallInProgress', 'CallUpdateResponse', 'CallUpdate'])(
    'a lost %s ends the call and tells Alexa',
    (name) => {
      const t = run(incomingActive(), sendFailed(`Alexa.Comms.CallSignaling.${name}`, 'HTTP 500'));
      expect(t.effects).toEqual([ended('INTERNAL_ERROR', `The front desk could not send ${name}`), close]);
      expect(t.state).toMatchObject({ phase: 'ended', endReason: 'failed', error: 'HTTP 500' });
    },
  );

  it('stops the ring timer when the call was ringing', () => {
    const t = run(incomingRinging(), sendFailed('Alexa.Comms.CallSignaling.CallRinging'));
    expect(t.effects).toEqual([ended('INTERNAL_ERROR', 'The front desk could not send CallRinging'), cancelTimer, close]);
  });

  it('a lost InitiateInboundCall ends the call without a CallEnded', () => {
    const t = run(outgoingCalling(), sendFailed('Alexa.Comms.CallSignaling.InitiateInboundCall', 'HTTP 403'));
    expect(t.effects).toEqual([cancelTimer, close]);
    expect(t.state).toMatchObject({ endReason: 'failed', error: 'HTTP 403' });
  });

  it.each(['CallRingingAck', 'CallInProgressAck', 'CallAcceptedAck', 'CallUpdateAck', 'CallEnded'])(
    'a lost %s is only noted',
    (name) => {
      const state = outgoingAlerting();
      const t = run(state, sendFailed(name, 'timeout'));
      expect(t.effects).toEqual([]);
      expect(t.state).toEqual({ ...state, error: 'timeout' });
    },
  );

  it('refuses an unknown message type', () => {
    expect(transition(incomingActive(), sendFailed('Alexa.Comms.CallSignaling.CallExploded'), config)).toMatchObject({
      ok: false,
      code: 'invalid-transition',
    });
  });
});

describe('property mode: every desk rings, claims decide who acts', () => {
  const claimEffect = (claim: Claim) => ({ kind: 'claim', claim });
  // What a won claim sends for the property's desks goes out even after this desk's part is over.
  const forProperty = (message: unknown) => ({ kind: 'send', message, forProperty: true });
  const timedOut: Claim = { what: 'end', why: 'timed-out', send: ['SESSION_TIMEOUT', 'Not answered'] };

  it('rings without telling Alexa: the desk that wins the ring claim sends the one CallRinging', () => {
    const t = must(startIncoming({ message: msg('InitiateOutboundCall'), now: 5 }, shared));
    expect(t.effects).toEqual([claimEffect({ what: 'ring' }), { kind: 'start-ring-timer', ms: 30_000 }]);
    expect(t.state).toMatchObject({ phase: 'ringing', ownership: 'open', otherDesk: null });
    expect(run(t.state, claimResult({ what: 'ring' }, won)).effects).toEqual([forProperty(outgoing.ringing(SID))]);
    const lost = must(transition(t.state, claimResult({ what: 'ring' }, lostTo(null)), config));
    expect(lost).toEqual({ ok: true, state: t.state, effects: [] });
  });

  it('answering claims the call first; the winner answers like a single desk', () => {
    const claiming = run(sharedRinging(), answer(true));
    expect(claiming.effects).toEqual([claimEffect({ what: 'answer' })]);
    expect(claiming.state).toMatchObject({ phase: 'answering', ownership: 'claiming', video: true, awaitingRequest: null });
    // a second click while the claim is out is refused
    expect(transition(claiming.state, answer(false), config)).toMatchObject({ ok: false, code: 'invalid-transition' });

    const answering = run(claiming.state, claimResult({ what: 'answer' }, won));
    expect(answering.state).toMatchObject({ phase: 'answering', ownership: 'mine', awaitingRequest: 1 });
    expect(answering.effects).toEqual([
      { kind: 'media', request: { op: 'answer', sessionId: SID, requestId: 1, offer: claiming.state.pendingOffer, video: true } },
    ]);
    const active = run(answering.state, mediaOk(1, ANSWER));
    expect(active.effects).toEqual([sendEffect(outgoing.accepted(SID, ANSWER)), cancelTimer]);
    // once owned, hanging up sends CallEnded as a single desk does
    expect(run(active.state, intent('hangup')).effects).toEqual([ended('SUCCESS', 'Call ended by the front desk'), close]);
  });

  it('a lost claim stops the ringing here without a word to Alexa and names the desk that has the call', () => {
    const t = run(sharedClaiming(), claimResult({ what: 'answer' }, lostTo('Desk B')));
    expect(t.effects).toEqual([cancelTimer, close]);
    expect(t.state).toMatchObject({ phase: 'ended', endReason: 'answered-elsewhere', otherDesk: 'Desk B' });
  });

  it('a claim the property could not decide leaves the call ringing, with the reason', () => {
    const t = run(sharedClaiming(), claimResult({ what: 'answer' }, unreachable));
    expect(t.effects).toEqual([]);
    expect(t.state).toMatchObject({ phase: 'ringing', ownership: 'open', error: 'call.failed.propertyUnreachable' });
    expect(run(t.state, answer(false)).effects).toEqual([claimEffect({ what: 'answer' })]);
  });

  it('another desk answering or ending the call stops the ringing here, silently', () => {
    for (const make of [sharedRinging, sharedClaiming]) {
      const taken = run(make(), answeredBy('Desk C'));
      expect(taken.effects).toEqual([cancelTimer, close]);
      expect(taken.state).toMatchObject({ phase: 'ended', endReason: 'answered-elsewhere', otherDesk: 'Desk C' });
      const over = run(make(), endedElsewhere('missed'));
      expect(over.effects).toEqual([cancelTimer, close]);
      expect(over.state).toMatchObject({ phase: 'ended', endReason: 'missed', otherDesk: null });
    }
    // news about a call this desk owns is not news: refused
    expect(transition(sharedAnswering(), answeredBy('Desk C'), config)).toMatchObject({ ok: false, code: 'invalid-transition' });
    expect(transition(incomingRinging(), answeredBy('Desk C'), config)).toMatchObject({ ok: false, code: 'invalid-transition' });
  });

  it('declining stops the ringing here; the call ends for Alexa only if the property says this desk was the last', () => {
    const t = run(sharedRinging(), intent('decline'));
    expect(t.effects).toEqual([claimEffect(END_LEFT), cancelTimer, close]);
    expect(t.state).toMatchObject({ phase: 'ended', endReason: 'declined' });
    expect(run(t.state, claimResult(END_LEFT, won)).effects).toEqual([forProperty(outgoing.ended(SID, 'DEVICE_BUSY', 'Declined by the front desk'))]);
    expect(must(transition(t.state, claimResult(END_LEFT, lostTo(null)), config)).effects).toEqual([]);
  });

  it('the ring timeout ends the call; the desk that wins the claim sends the one CallEnded', () => {
    const t = run(sharedRinging(), ringTimeout());
    expect(t.effects).toEqual([claimEffect(timedOut), close]);
    expect(t.state).toMatchObject({ phase: 'ended', endReason: 'missed' });
    expect(run(t.state, claimResult(timedOut, won)).effects).toEqual([forProperty(outgoing.ended(SID, 'SESSION_TIMEOUT', 'Not answered'))]);
  });

  it('the room hanging up is recorded once for the property, with nothing to send', () => {
    const roomEnded: Claim = { what: 'end', why: 'room-ended' };
    const t = run(sharedRinging(), alexa('CallEnded'));
    expect(t.effects).toEqual([claimEffect(roomEnded), cancelTimer, close]);
    expect(must(transition(t.state, claimResult(roomEnded, won), config)).effects).toEqual([]);
  });

  it('a desk that closes while its call is open leaves it to the others', () => {
    const closing: Claim = { what: 'end', why: 'left', send: ['INTERNAL_ERROR', 'The front desk console closed'] };
    for (const make of [sharedRinging, sharedClaiming]) {
      const t = run(make(), shutdown());
      expect(t.effects).toEqual([claimEffect(closing), cancelTimer, close]);
      expect(t.state).toMatchObject({ phase: 'ended', endReason: 'missed' });
    }
    // a call the desk owns ends as in single-desk mode
    expect(run(sharedAnswering(), shutdown()).effects[0]).toEqual(ended('INTERNAL_ERROR', 'The front desk console closed'));
  });

  it('a ring claim won after the call stopped ringing here still sends the one CallRinging', () => {
    const declined = run(sharedRinging(), intent('decline')).state;
    expect(run(declined, claimResult({ what: 'ring' }, won)).effects).toEqual([forProperty(outgoing.ringing(SID))]);
    expect(must(transition(declined, answeredBy('Desk B'), config)).effects).toEqual([]);
  });
});

describe('shutdown', () => {
  const closed = ended('INTERNAL_ERROR', 'The front desk console closed');
  it.each([
    ['incoming ringing', incomingRinging, 'missed', [closed, cancelTimer, close]],
    ['incoming answering', incomingAnswering, 'missed', [closed, cancelTimer, close]],
    ['incoming active', incomingActive, 'completed', [closed, close]],
    ['outgoing offering', outgoingOffering, 'cancelled', [close]],
    ['outgoing calling', outgoingCalling, 'cancelled', [closed, cancelTimer, close]],
    ['outgoing early', outgoingEarlyApplying, 'cancelled', [closed, cancelTimer, close]],
    ['outgoing active', outgoingActive, 'completed', [closed, close]],
  ] as const)('%s ends as %s', (_name, make, reason, effects) => {
    const t = run(make(), shutdown(9));
    expect(t.effects).toEqual(effects);
    expect(t.state).toMatchObject({ phase: 'ended', endReason: reason, endedAt: 9 });
  });
});

describe('an ended call', () => {
  const endedStates = () => [run(incomingRinging(), intent('decline')).state, run(outgoingActive(), alexa('CallEnded')).state];

  it('takes late CallEnded, acks, timeouts, shutdown and send failures as no-ops', () => {
    for (const state of endedStates()) {
      const late = [
        alexa('CallEnded'),
        alexa('CallRingingAck'),
        alexa('CallInProgressAck'),
        alexa('CallAcceptedAck'),
        alexa('CallUpdateAck'),
        ringTimeout(),
        shutdown(),
        sendFailed('Alexa.Comms.CallSignaling.CallEnded'),
        sendFailed('Alexa.Comms.CallSignaling.CallAccepted'),
      ];
      for (const event of late) expect(transition(state, event, config)).toEqual({ ok: true, state, effects: [] });
    }
  });

  it('refuses intents and other messages, and finds media results stale', () => {
    for (const state of endedStates()) {
      expect(transition(state, intent('hangup'), config)).toEqual({
        ok: false,
        code: 'invalid-transition',
        message: '"hangup" is not valid: the call has ended',
      });
      expect(transition(state, update('CALL_UPDATE'), config)).toMatchObject({ ok: false, code: 'invalid-transition' });
      expect(transition(state, mediaOk(state.lastRequestId, ANSWER), config)).toMatchObject({
        ok: false,
        code: 'stale-media-result',
      });
    }
  });

  it('keeps the time and reason it ended with', () => {
    const state = run(incomingActive(), alexa('CallEnded', {}, 4_000)).state;
    expect(state).toMatchObject({ endedAt: 4_000, endReason: 'completed', answeredAt: NOW });
    expect(must(transition(state, shutdown(5_000), config)).state.endedAt).toBe(4_000);
  });
});
