// The pure call state machine: (state, event) -> (state, effects). No I/O, no clock, no randomness;
// the call manager carries out the effects. Flows: shared/asp-protocol.md §1.3–1.6.
// An invalid event returns an explicit error and changes nothing.
import { callerAndCallee, messageName, MESSAGE_NAMES, type Message, type MessageName } from '../protocol/messages.js';
import { outgoing, type OutgoingMessage } from '../protocol/outgoing.js';
import { inferRenegotiationType } from '../protocol/renegotiation.js';
import type {
  Address,
  CallEvent,
  Claim,
  ClaimResult,
  CallResultCode,
  CallState,
  EndReason,
  Effect,
  MachineConfig,
  MediaRequest,
  MediaResult,
  Phase,
  Transition,
} from './types.js';

type Ok = Extract<Transition, { ok: true }>;
type MediaEvent = Extract<CallEvent, { kind: 'media' }>;
type AlexaEvent = Extract<CallEvent, { kind: 'alexa' }>;
type IntentEvent = Extract<CallEvent, { kind: 'intent' }>;
type Handler = (state: CallState, event: CallEvent, config: MachineConfig) => Transition;

const ACKS: readonly MessageName[] = ['CallRingingAck', 'CallInProgressAck', 'CallAcceptedAck', 'CallUpdateAck'];
/** Losing one of these leaves Alexa and the desk out of step, so the call cannot go on. */
const VITAL_MESSAGES: readonly MessageName[] = [
  'CallRinging',
  'CallAccepted',
  'CallInProgress',
  'CallUpdateResponse',
  'CallUpdate',
  'InitiateInboundCall',
];
const CONSOLE_CLOSED = 'The front desk console closed';
const MEDIA_FAILED = 'The front desk could not set up the call audio and video';

// ---------------------------------------------------------------------------------------------
// Starting a call

/** An Echo calls the desk (InitiateOutboundCall): ring, and tell Alexa we ring. */
export function startIncoming(
  args: { message: Message<'InitiateOutboundCall'>; local?: Address; now: number },
  config: MachineConfig,
): Transition {
  const { message, now } = args;
  const { caller, callee } = callerAndCallee(message.participants);
  const local = callee ? addressOf(callee.id) : args.local;
  if (!local) {
    return invalidWith('InitiateOutboundCall has no callee participant and the desk has no address of its own');
  }
  const state: CallState = {
    ...freshState(message.sessionId, 'incoming', 'ringing', addressOf(caller.id), local, false, now),
    pendingOffer: message.sdpDetails.value,
    // Property mode: every desk rings; one of them tells Alexa so.
    ownership: config.shared ? 'open' : 'mine',
  };
  const ringing: Effect = config.shared ? claim({ what: 'ring' }) : send(outgoing.ringing(state.sessionId));
  return ok(state, [ringing, { kind: 'start-ring-timer', ms: config.ringTimeoutMs }]);
}

/** The desk calls a room: first ask the media layer for an offer. */
export function startOutgoing(
  args: { sessionId: string; remote: Address; local: Address; video: boolean; now: number },
  _config: MachineConfig,
): Transition {
  const state = freshState(args.sessionId, 'outgoing', 'offering', addressOf(args.remote), addressOf(args.local), args.video, args.now);
  const [next, requestId] = withRequest(state);
  return ok({ ...next, awaitingRequest: requestId }, [
    media({ op: 'offer', sessionId: state.sessionId, requestId, video: args.video, hold: false }),
  ]);
}

function freshState(
  sessionId: string,
  direction: CallState['direction'],
  phase: Phase,
  remote: Address,
  local: Address,
  video: boolean,
  now: number,
): CallState {
  return {
    sessionId,
    direction,
    phase,
    remote,
    local,
    video,
    held: false,
    heldAt: null,
    remoteHeld: false,
    negotiation: null,
    acceptPending: false,
    pendingOffer: null,
    awaitingRequest: null,
    lastRequestId: 0,
    startedAt: now,
    answeredAt: null,
    endedAt: null,
    endReason: null,
    error: null,
    ownership: 'mine',
    otherDesk: null,
  };
}

// ---------------------------------------------------------------------------------------------
// Moving a call

/** Never throws: every state × event pair is either a transition or an explicit error. */
export function transition(state: CallState, event: CallEvent, config: MachineConfig): Transition {
  if (event.kind === 'alexa' && event.message.sessionId !== state.sessionId) {
    return invalidWith(`Alexa's ${label(event)} belongs to session ${event.message.sessionId}, not to this call`);
  }
  if (state.phase === 'ended') return onEnded(state, event);
  return stampHold(state, sharedRules(state, event) ?? handlers[state.phase](state, event, config), event.now);
}

/** `heldAt` follows `held`, whichever rule moved it (hold, resume, an undone hold, a re-offer). */
function stampHold(before: CallState, t: Transition, now: number): Transition {
  if (!t.ok || t.state.held === before.held) return t;
  return { ...t, state: { ...t.state, heldAt: t.state.held ? now : null } };
}

/** Rules that read the same in every live phase. Returns undefined when the phase decides. */
function sharedRules(state: CallState, event: CallEvent): Transition | undefined {
  switch (event.kind) {
    case 'alexa': {
      const name = messageName(event.message.type);
      if (name && ACKS.includes(name) && acceptsLateAcks(state)) return unchanged(state);
      return undefined;
    }
    case 'media':
      return staleResult(state, event.result);
    case 'shutdown':
      // Property mode: other desks still ring for an open call; it ends only if none does.
      if (state.ownership !== 'mine') return endUnowned(state, event.now, 'missed', { why: 'left', send: ['INTERNAL_ERROR', CONSOLE_CLOSED] });
      return endCall(state, event.now, shutdownReason(state), {
        send: alexaKnowsTheCall(state) ? ['INTERNAL_ERROR', CONSOLE_CLOSED] : undefined,
      });
    case 'sent':
      return onSent(state, event);
    case 'send-failed':
      return onSendFailed(state, event);
    case 'intent':
    case 'ring-timeout':
    case 'claim-result':
    case 'elsewhere':
      return undefined;
    default:
      return invalidWith(`Unknown event ${describeUnknown(event)}`);
  }
}

const handlers: Record<Exclude<Phase, 'ended'>, Handler> = {
  ringing: onRinging,
  answering: onAnswering,
  offering: onOffering,
  calling: onRoomNotAnswered,
  alerting: onRoomNotAnswered,
  early: onRoomNotAnswered,
  active: onActive,
};

// --- incoming, before the answer is sent ---

function onRinging(state: CallState, event: CallEvent, config: MachineConfig): Transition {
  if (event.kind === 'intent' && event.intent === 'answer') {
    // Property mode: only the desk whose claim wins answers.
    if (state.ownership === 'open') return ok({ ...state, phase: 'answering', ownership: 'claiming', video: event.video }, [claim({ what: 'answer' })]);
    return answerWithMedia(state, event.video);
  }
  return onIncomingUnanswered(state, event, config);
}

/** Ask the media layer for the SDP answer to the room's offer. */
function answerWithMedia(state: CallState, video: boolean): Transition {
  const [next, requestId] = withRequest(state);
  return ok({ ...next, phase: 'answering', video, awaitingRequest: requestId }, [
    media({ op: 'answer', sessionId: state.sessionId, requestId, offer: state.pendingOffer ?? '', video }),
  ]);
}

function onAnswering(state: CallState, event: CallEvent, config: MachineConfig): Transition {
  if (event.kind === 'claim-result' && event.claim.what === 'answer' && state.ownership === 'claiming') {
    const { result } = event;
    if (result.outcome === 'won') return answerWithMedia({ ...state, ownership: 'mine' }, state.video);
    if (result.outcome === 'lost') return endCall(state, event.now, 'answered-elsewhere', { otherDesk: result.desk });
    // The property could not be asked: the call rings on and staff can try again.
    return ok({ ...state, phase: 'ringing', ownership: 'open', error: result.error }, []);
  }
  if (event.kind !== 'media') return onIncomingUnanswered(state, event, config);
  const sdp = producedSdp(event.result);
  if (!sdp.ok) return endCall(state, event.now, 'failed', { send: ['INTERNAL_ERROR', MEDIA_FAILED], error: sdp.error });
  const sends = config.sendCallInProgress ? [send(outgoing.inProgress(state.sessionId, sdp.sdp))] : [];
  return ok(
    { ...state, phase: 'active', answeredAt: event.now, acceptPending: true, pendingOffer: null, awaitingRequest: null },
    [...sends, send(outgoing.accepted(state.sessionId, sdp.sdp)), { kind: 'cancel-ring-timer' }],
  );
}

/** What ringing and answering share: the desk declines, the room gives up, the ring times out. */
function onIncomingUnanswered(state: CallState, event: CallEvent, _config: MachineConfig): Transition {
  const open = state.ownership !== 'mine';
  switch (event.kind) {
    case 'intent':
      if (event.intent === 'decline' || event.intent === 'hangup') {
        // Under do not disturb the room's call is missed, not declined: staff did not choose.
        const dnd = event.intent === 'decline' && event.dnd === true;
        const reason: EndReason = dnd ? 'dnd' : 'declined';
        const send: [CallResultCode, string] = ['DEVICE_BUSY', dnd ? 'The front desk is not taking calls (do not disturb)' : 'Declined by the front desk'];
        return open ? endUnowned(state, event.now, reason, { why: 'left', send }) : endCall(state, event.now, reason, { send });
      }
      return invalid(state, event);
    case 'ring-timeout': {
      const notAnswered: [CallResultCode, string] = ['SESSION_TIMEOUT', 'Not answered'];
      if (open) return endUnowned(state, event.now, 'missed', { why: 'timed-out', send: notAnswered }, true);
      return endCall(state, event.now, 'missed', { send: notAnswered, timerFired: true });
    }
    case 'alexa':
      if (is(event.message, 'CallEnded')) return open ? endUnowned(state, event.now, 'missed', { why: 'room-ended' }) : endCall(state, event.now, 'missed', {});
      return invalid(state, event);
    case 'claim-result':
      if (event.claim.what === 'ring') return onRingClaimed(state, event.result);
      return invalid(state, event);
    case 'elsewhere':
      if (!open) return invalid(state, event);
      if ('answeredBy' in event) return endCall(state, event.now, 'answered-elsewhere', { otherDesk: event.answeredBy });
      return endCall(state, event.now, event.endedAs, {});
    default:
      return invalid(state, event);
  }
}

/** The desk that wins the ring claim tells Alexa the desk rings, even if it stopped ringing itself. */
function onRingClaimed(state: CallState, result: ClaimResult): Transition {
  return result.outcome === 'won' ? ok(state, [sendForProperty(outgoing.ringing(state.sessionId))]) : unchanged(state);
}

/**
 * Property mode: this desk stops ringing for a call it does not own. Whether the call ends for
 * Alexa (and who sends the CallEnded) is the property's to decide: a claim.
 */
function endUnowned(state: CallState, now: number, endReason: EndReason, end: Omit<Extract<Claim, { what: 'end' }>, 'what'>, timerFired = false): Ok {
  const ended = endCall(state, now, endReason, { timerFired });
  return ok(ended.state, [claim({ what: 'end', ...end }), ...ended.effects]);
}

// --- outgoing, before the room answers ---

function onOffering(state: CallState, event: CallEvent, config: MachineConfig): Transition {
  switch (event.kind) {
    case 'media': {
      const sdp = producedSdp(event.result);
      // Alexa has not heard of the call yet: nothing to tell it.
      if (!sdp.ok) return endCall(state, event.now, 'failed', { error: sdp.error });
      const message = outgoing.initiateInbound({
        sessionId: state.sessionId,
        from: state.local,
        to: state.remote,
        offer: sdp.sdp,
        callerName: config.callerName,
      });
      return ok({ ...state, phase: 'calling', awaitingRequest: null }, [
        send(message),
        { kind: 'start-ring-timer', ms: config.ringTimeoutMs },
      ]);
    }
    case 'intent':
      if (event.intent === 'hangup') return endCall(state, event.now, 'cancelled', {});
      return invalid(state, event);
    default:
      return invalid(state, event);
  }
}

/** calling, alerting and early: the room has the offer and has not answered yet. */
function onRoomNotAnswered(state: CallState, event: CallEvent, _config: MachineConfig): Transition {
  switch (event.kind) {
    case 'alexa':
      return onRoomSignal(state, event);
    case 'media':
      return onAppliedAnswer(state, event);
    case 'intent':
      if (event.intent === 'hangup') {
        return endCall(state, event.now, 'cancelled', { send: ['SUCCESS', 'Cancelled by the front desk'] });
      }
      return invalid(state, event);
    case 'ring-timeout':
      return endCall(state, event.now, 'no-answer', { send: ['SESSION_TIMEOUT', 'Not answered'], timerFired: true });
    default:
      return invalid(state, event);
  }
}

function onRoomSignal(state: CallState, event: AlexaEvent): Transition {
  const { message } = event;
  const sid = state.sessionId;
  if (is(message, 'CallRinging')) {
    return ok({ ...state, phase: state.phase === 'calling' ? 'alerting' : state.phase }, [send(outgoing.ringingAck(sid))]);
  }
  if (is(message, 'CallInProgress')) {
    const ack = send(outgoing.inProgressAck(sid));
    if (!message.sdpDetails) return ok({ ...state, phase: state.phase === 'early' ? 'early' : 'alerting' }, [ack]);
    const [next, requestId] = withRequest(state);
    return ok({ ...next, phase: 'early', awaitingRequest: requestId }, [
      ack,
      media({ op: 'apply-answer', sessionId: sid, requestId, answer: message.sdpDetails.value, provisional: true }),
    ]);
  }
  if (is(message, 'CallAccepted')) {
    const [next, requestId] = withRequest(state);
    return ok({ ...next, phase: 'active', answeredAt: event.now, awaitingRequest: requestId }, [
      send(outgoing.acceptedAck(sid)),
      { kind: 'cancel-ring-timer' },
      media({ op: 'apply-answer', sessionId: sid, requestId, answer: message.sdpDetails.value, provisional: false }),
    ]);
  }
  if (is(message, 'CallEnded')) return endCall(state, event.now, 'no-answer', {});
  return invalid(state, event);
}

/** Result of applying the room's early or final answer (state.awaitingRequest). */
function onAppliedAnswer(state: CallState, event: MediaEvent): Transition {
  const { result } = event;
  if (!result.ok) return endCall(state, event.now, 'failed', { send: ['INTERNAL_ERROR', MEDIA_FAILED], error: result.error });
  return ok({ ...state, awaitingRequest: null }, []);
}

// --- the call is up (both directions) ---

function onActive(state: CallState, event: CallEvent, _config: MachineConfig): Transition {
  switch (event.kind) {
    case 'alexa':
      if (is(event.message, 'CallUpdate')) return onRemoteOffer(state, event.message);
      if (is(event.message, 'CallUpdateResponse')) return onRemoteAnswer(state, event.message);
      if (is(event.message, 'CallEnded')) return endCall(state, event.now, 'completed', {});
      return invalid(state, event);
    case 'media':
      if (event.result.requestId === state.awaitingRequest) return onAppliedAnswer(state, event);
      return onNegotiationResult(state, event);
    case 'intent':
      return onActiveIntent(state, event);
    default:
      return invalid(state, event);
  }
}

function onActiveIntent(state: CallState, event: IntentEvent): Transition {
  switch (event.intent) {
    case 'hangup':
      return endCall(state, event.now, 'completed', { send: ['SUCCESS', 'Call ended by the front desk'] });
    case 'hold':
    case 'resume': {
      const holding = event.intent === 'hold';
      if (holding === state.held) return invalidWith(`The call is ${state.held ? 'already' : 'not'} on hold`);
      const busy = busyWith(state);
      if (busy) return invalidWith(`Cannot ${event.intent} now: ${busy}`);
      const [next, requestId] = withRequest(state);
      const renegotiationType = holding ? 'CALL_HOLD' : 'CALL_RESUME';
      return ok({ ...next, held: holding, negotiation: { by: 'local', step: 'creating-offer', renegotiationType, requestId } }, [
        media({ op: 'offer', sessionId: state.sessionId, requestId, video: state.video, hold: holding }),
      ]);
    }
    case 'renegotiate': {
      const busy = busyWith(state);
      if (busy) return invalidWith(`Cannot renegotiate now: ${busy}`);
      const [next, requestId] = withRequest(state);
      return ok({ ...next, negotiation: { by: 'local', step: 'creating-offer', renegotiationType: 'CALL_UPDATE', requestId } }, [
        media({ op: 'offer', sessionId: state.sessionId, requestId, video: state.video, hold: state.held, ...(event.iceRestart ? { iceRestart: true } : {}) }),
      ]);
    }
    default:
      return invalid(state, event);
  }
}

/** Why the desk cannot start its own renegotiation now, or null when it can. */
function busyWith(state: CallState): string | null {
  if (state.negotiation) return 'a renegotiation is in progress';
  // The room's answer is not applied yet: a new offer now would cross it.
  if (state.awaitingRequest !== null) return 'the call is still connecting';
  return null;
}

/**
 * Alexa re-offers. It always wins over our own renegotiation (glare) and over an older re-offer.
 * Without a renegotiationType (Amazon's sample skill drops it), the offer's directions tell.
 */
function onRemoteOffer(state: CallState, message: Message<'CallUpdate'>): Transition {
  const renegotiationType = message.renegotiationType ?? inferRenegotiationType(message.sdpDetails.value, state.remoteHeld);
  const [next, requestId] = withRequest({ ...state, held: heldBeforeLocalNegotiation(state) });
  const remoteHeld = renegotiationType === 'CALL_HOLD' ? true : renegotiationType === 'CALL_RESUME' ? false : state.remoteHeld;
  return ok({ ...next, remoteHeld, negotiation: { by: 'remote', renegotiationType, requestId } }, [
    media({ op: 'answer', sessionId: state.sessionId, requestId, offer: message.sdpDetails.value, video: state.video }),
  ]);
}

/** Alexa answers our CallUpdate. */
function onRemoteAnswer(state: CallState, message: Message<'CallUpdateResponse'>): Transition {
  const n = state.negotiation;
  if (n?.by !== 'local' || n.step !== 'awaiting-answer') {
    return invalidWith(`Alexa's CallUpdateResponse is not valid: the desk has no renegotiation waiting for an answer`);
  }
  const [next, requestId] = withRequest(state);
  return ok({ ...next, negotiation: { by: 'local', step: 'applying-answer', renegotiationType: n.renegotiationType, requestId } }, [
    media({ op: 'apply-answer', sessionId: state.sessionId, requestId, answer: message.sdpDetails.value, provisional: false }),
  ]);
}

/** A media result for state.negotiation (staleResult already checked the id). */
function onNegotiationResult(state: CallState, event: MediaEvent): Transition {
  const n = state.negotiation;
  const sid = state.sessionId;
  if (!n) return invalid(state, event); // not reached: staleResult matched the id to a request
  if (n.by === 'remote') {
    const sdp = producedSdp(event.result);
    if (!sdp.ok) return endCall(state, event.now, 'failed', { send: ['INTERNAL_ERROR', MEDIA_FAILED], error: sdp.error });
    return ok({ ...state, negotiation: null }, [send(outgoing.updateResponse(sid, n.renegotiationType, sdp.sdp))]);
  }
  if (n.step === 'creating-offer') {
    const sdp = producedSdp(event.result);
    // Our own hold/resume failed: undo it and keep the call up.
    if (!sdp.ok) return ok({ ...state, held: heldBeforeLocalNegotiation(state), negotiation: null, error: sdp.error }, []);
    return ok({ ...state, negotiation: { by: 'local', step: 'awaiting-answer', renegotiationType: n.renegotiationType } }, [
      send(outgoing.update(sid, n.renegotiationType, sdp.sdp)),
    ]);
  }
  // applying-answer
  if (!event.result.ok) {
    return endCall(state, event.now, 'failed', { send: ['INTERNAL_ERROR', MEDIA_FAILED], error: event.result.error });
  }
  return ok({ ...state, negotiation: null }, [send(outgoing.updateAck(sid))]);
}

/** `held` as it was before the desk's own hold/resume started (that one is being dropped). */
function heldBeforeLocalNegotiation(state: CallState): boolean {
  const n = state.negotiation;
  if (n?.by !== 'local') return state.held;
  return n.renegotiationType === 'CALL_HOLD' ? false : n.renegotiationType === 'CALL_RESUME' ? true : state.held;
}

// --- any live phase ---

/** Alexa took a message: once it has the desk's CallAccepted, the call is no longer just connecting. */
function onSent(state: CallState, event: Extract<CallEvent, { kind: 'sent' }>): Transition {
  const name = messageName(event.messageType) ?? shortName(event.messageType);
  if (!name) return invalidWith(`sent names an unknown message type "${String(event.messageType).slice(0, 100)}"`);
  if (name === 'CallAccepted' && state.acceptPending) return ok({ ...state, acceptPending: false }, []);
  return unchanged(state);
}

function onSendFailed(state: CallState, event: Extract<CallEvent, { kind: 'send-failed' }>): Transition {
  const name = messageName(event.messageType) ?? shortName(event.messageType);
  if (!name) return invalidWith(`send-failed names an unknown message type "${String(event.messageType).slice(0, 100)}"`);
  if (!VITAL_MESSAGES.includes(name)) return ok({ ...state, error: event.detail }, []);
  // Alexa never heard of a call whose InitiateInboundCall failed.
  const tellAlexa = name !== 'InitiateInboundCall' && alexaKnowsTheCall(state);
  return endCall(state, event.now, 'failed', {
    send: tellAlexa ? ['INTERNAL_ERROR', `The front desk could not send ${name}`] : undefined,
    error: event.detail,
  });
}

function onEnded(state: CallState, event: CallEvent): Transition {
  switch (event.kind) {
    case 'alexa': {
      const name = messageName(event.message.type);
      if (name === 'CallEnded' || (name && ACKS.includes(name))) return unchanged(state);
      return invalidWith(`Alexa's ${label(event)} is not valid: the call has ended`);
    }
    case 'ring-timeout':
    case 'shutdown':
    case 'sent':
    case 'send-failed':
    case 'elsewhere':
      return unchanged(state);
    case 'claim-result': {
      // A claim made before the call ended here still binds this desk: the winner sends.
      if (event.result.outcome !== 'won') return unchanged(state);
      if (event.claim.what === 'ring') return ok(state, [sendForProperty(outgoing.ringing(state.sessionId))]);
      if (event.claim.what === 'end' && event.claim.send) return ok(state, [sendForProperty(outgoing.ended(state.sessionId, ...event.claim.send))]);
      return unchanged(state);
    }
    case 'intent':
      return invalidWith(`"${event.intent}" is not valid: the call has ended`);
    case 'media':
      return { ok: false, code: 'stale-media-result', message: `Media result ${event.result.requestId} arrived after the call ended` };
    default:
      return invalidWith(`Unknown event ${describeUnknown(event)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** Enter 'ended': optionally tell Alexa, stop ringing, close the media. */
function endCall(
  state: CallState,
  now: number,
  endReason: EndReason,
  opts: { send?: [CallResultCode, string] | undefined; error?: string | null; timerFired?: boolean; otherDesk?: string | null },
): Ok {
  const effects: Effect[] = [];
  if (opts.send) effects.push(send(outgoing.ended(state.sessionId, opts.send[0], opts.send[1])));
  if (ringTimerRuns(state.phase) && !opts.timerFired) effects.push({ kind: 'cancel-ring-timer' });
  effects.push(media({ op: 'close', sessionId: state.sessionId }));
  return ok(
    {
      ...state,
      phase: 'ended',
      endedAt: now,
      endReason,
      negotiation: null,
      acceptPending: false,
      pendingOffer: null,
      awaitingRequest: null,
      error: opts.error ?? state.error,
      otherDesk: opts.otherDesk ?? state.otherDesk,
    },
    effects,
  );
}

function ringTimerRuns(phase: Phase): boolean {
  return phase === 'ringing' || phase === 'answering' || phase === 'calling' || phase === 'alerting' || phase === 'early';
}

/** Before InitiateInboundCall is sent, Alexa has no such session. */
function alexaKnowsTheCall(state: CallState): boolean {
  return !(state.direction === 'outgoing' && state.phase === 'offering');
}

function shutdownReason(state: CallState): EndReason {
  if (state.phase === 'active') return 'completed';
  return state.direction === 'incoming' ? 'missed' : 'cancelled';
}

/** Acks can arrive late; in these phases they are harmless and change nothing. */
function acceptsLateAcks(state: CallState): boolean {
  return state.direction === 'incoming' || state.phase === 'active';
}

/** A media result is current only when it carries the id the machine waits for. */
function staleResult(state: CallState, result: MediaResult): Transition | undefined {
  const awaited = [state.awaitingRequest, state.negotiation && 'requestId' in state.negotiation ? state.negotiation.requestId : null];
  if (result.sessionId === state.sessionId && awaited.includes(result.requestId)) return undefined;
  return {
    ok: false,
    code: 'stale-media-result',
    message: `Media result ${result.requestId} for session ${result.sessionId} is not the one this call waits for`,
  };
}

/** The SDP a successful answer/offer request produced, or why there is none. */
function producedSdp(result: MediaResult): { ok: true; sdp: string } | { ok: false; error: string } {
  if (!result.ok) return { ok: false, error: result.error };
  if (typeof result.sdp !== 'string' || result.sdp.length === 0) return { ok: false, error: 'The media layer returned no SDP' };
  return { ok: true, sdp: result.sdp };
}

function withRequest(state: CallState): [CallState, number] {
  const requestId = state.lastRequestId + 1;
  return [{ ...state, lastRequestId: requestId }, requestId];
}

function is<N extends MessageName>(message: Message, name: N): message is Message<N> {
  return messageName(message.type) === name;
}

function shortName(type: unknown): MessageName | undefined {
  return (MESSAGE_NAMES as readonly unknown[]).includes(type) ? (type as MessageName) : undefined;
}

function addressOf(id: { type: Address['type']; value: string }): Address {
  return { type: id.type, value: id.value };
}

function ok(state: CallState, effects: Effect[]): Ok {
  return { ok: true, state, effects };
}

function unchanged(state: CallState): Ok {
  return { ok: true, state, effects: [] };
}

function send(message: OutgoingMessage): Effect {
  return { kind: 'send', message };
}

function sendForProperty(message: OutgoingMessage): Effect {
  return { kind: 'send', message, forProperty: true };
}

function claim(c: Claim): Effect {
  return { kind: 'claim', claim: c };
}

function media(request: MediaRequest): Effect {
  return { kind: 'media', request };
}

function invalidWith(message: string): Transition {
  return { ok: false, code: 'invalid-transition', message };
}

const PHASE_WORDS: Record<Phase, string> = {
  ringing: 'is ringing at the desk',
  answering: 'is being answered',
  offering: 'is preparing its offer',
  calling: 'is calling the room',
  alerting: 'is ringing in the room',
  early: 'is ringing in the room',
  active: 'is up',
  ended: 'has ended',
};

function invalid(state: CallState, event: CallEvent): Transition {
  const who = event.kind === 'alexa' ? `Alexa's ${label(event)}` : `"${label(event)}"`;
  return invalidWith(`${who} is not valid: the ${state.direction} call ${PHASE_WORDS[state.phase]}`);
}

function label(event: CallEvent): string {
  switch (event.kind) {
    case 'alexa':
      return messageName(event.message.type) ?? String(event.message.type);
    case 'intent':
      return event.intent;
    case 'media':
      return 'media result';
    case 'claim-result':
      return `${event.claim.what} claim result`;
    case 'elsewhere':
      return 'news from another desk';
    default:
      return event.kind;
  }
}

function describeUnknown(event: unknown): string {
  const kind = typeof event === 'object' && event !== null ? (event as { kind?: unknown }).kind : undefined;
  return `"${String(kind).slice(0, 50)}"`;
}
