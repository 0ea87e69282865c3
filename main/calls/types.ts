// Types of the pure call state machine (./machine.ts): a call's state, the events that move it, and
// the effects it asks the call manager to carry out. No I/O here or in the machine.
import type { MessageId } from '../domain/text.js';
import type { Message, ParticipantIdType, RenegotiationType, CallResultCode } from '../protocol/messages.js';
import type { OutgoingMessage } from '../protocol/outgoing.js';

/**
 * The desk's point of view. `incoming`: an Echo calls the desk (ASP "outbound",
 * InitiateOutboundCall). `outgoing`: the desk calls a room (ASP "inbound", InitiateInboundCall).
 */
export type Direction = 'incoming' | 'outgoing';

export type Phase =
  | 'ringing' //    incoming: offer received, CallRinging sent, the desk rings
  | 'answering' //  incoming: answered (staff or auto); waiting for the renderer's SDP answer
  | 'offering' //   outgoing: waiting for the renderer's SDP offer
  | 'calling' //    outgoing: InitiateInboundCall sent; the room has not rung yet
  | 'alerting' //   outgoing: the room's Echo rings (CallRinging received and acked)
  | 'early' //      outgoing: early answer (CallInProgress) applied as provisional
  | 'active' //     answer sent (incoming) or received (outgoing): the call is up
  | 'ended';

/** An SDP exchange in progress on an active call (CallUpdate / CallUpdateResponse / CallUpdateAck). */
export type Negotiation =
  | { by: 'remote'; renegotiationType: RenegotiationType; requestId: number } // Alexa re-offered; waiting for our answer
  | { by: 'local'; step: 'creating-offer'; renegotiationType: RenegotiationType; requestId: number }
  | { by: 'local'; step: 'awaiting-answer'; renegotiationType: RenegotiationType }
  | { by: 'local'; step: 'applying-answer'; renegotiationType: RenegotiationType; requestId: number };

export type EndReason =
  | 'completed' //  the call was up and one side hung up
  | 'missed' //     incoming, never answered: ring timeout, or the room hung up while ringing
  | 'declined' //   incoming, declined by the desk (not a missed call: the desk chose)
  | 'dnd' //        incoming, refused while the desk was on do not disturb (a missed call)
  | 'no-answer' //  outgoing, the room did not answer (timeout or the room rejected)
  | 'cancelled' //  outgoing, the desk hung up before the room answered
  | 'failed' //    media or signaling failure
  | 'answered-elsewhere'; // incoming, property mode: another desk of the property took the call

/**
 * Property mode: which of the property's desks owns a call. `mine`: this desk does (always in
 * single-desk mode, and for the calls it places). An incoming call in property mode rings at every
 * desk and starts `open`; answering makes it `claiming` until the property says which desk won.
 */
export type Ownership = 'mine' | 'open' | 'claiming';

/**
 * What a desk asks the property before it acts on a call that is not its own yet; exactly one desk
 * wins each claim of a call. `ring`: tell Alexa the desk rings (CallRinging). `answer`: own the call.
 * `end`: the call ends without an answer — `left` (this desk declined or closed: the call ends only
 * when no other desk still rings), `timed-out` (nobody answered in time) or `room-ended` (the room
 * hung up; nothing to send). `send` is the CallEnded the winner sends.
 */
export type Claim =
  | { what: 'ring' }
  | { what: 'answer' }
  | { what: 'end'; why: 'left' | 'timed-out' | 'room-ended'; send?: [CallResultCode, string] };

export type ClaimResult =
  | { outcome: 'won' }
  /** Another desk won; `desk` names the desk that has the call, when one does. */
  | { outcome: 'lost'; desk: string | null }
  /** The property could not be asked (e.g. its server is unreachable). */
  /** `error`: the message id of the words staff read on the call (it rings on). */
  | { outcome: 'failed'; error: MessageId };

export interface Address {
  type: ParticipantIdType;
  value: string;
}

export interface CallState {
  sessionId: string;
  direction: Direction;
  phase: Phase;
  /** The Echo's participant id (caller for incoming, callee for outgoing). */
  remote: Address;
  /** The desk's own participant id (callee for incoming, caller for outgoing). */
  local: Address;
  /** Staff asked for camera video on this call. */
  video: boolean;
  /** The desk put the call on hold. */
  held: boolean;
  /** Since when the desk holds it (null while not held): how long the room has been waiting. */
  heldAt: number | null;
  /** The room put the call on hold (CALL_HOLD re-offer), until CALL_RESUME. */
  remoteHeld: boolean;
  negotiation: Negotiation | null;
  /**
   * Incoming, answered: CallAccepted is on its way and Alexa has not taken it yet. Until then the
   * call is only connecting: the room does not hear the desk before Alexa has the answer.
   */
  acceptPending: boolean;
  /** The SDP offer we still have to answer (incoming, before the answer is sent). */
  pendingOffer: string | null;
  /** The media request the machine is waiting for in phases answering / offering / early (apply). */
  awaitingRequest: number | null;
  /** Last media request id handed out; results carrying another id are stale. */
  lastRequestId: number;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  endReason: EndReason | null;
  /** Plain-words reason of a failure, for the UI. */
  error: string | null;
  /** Property mode: whether this desk owns the call ('mine' in single-desk mode). */
  ownership: Ownership;
  /** Property mode: the desk that took the call, when another desk did. */
  otherDesk: string | null;
}

/** What the renderer's media layer is asked to do, one peer per sessionId (DESIGN §4). */
export type MediaRequest =
  | { op: 'answer'; sessionId: string; requestId: number; offer: string; video: boolean }
  /** `iceRestart`: new ICE credentials, to reconnect a call whose connection failed. */
  | { op: 'offer'; sessionId: string; requestId: number; video: boolean; hold: boolean; iceRestart?: true }
  | { op: 'apply-answer'; sessionId: string; requestId: number; answer: string; provisional: boolean }
  | { op: 'close'; sessionId: string };

export type MediaResult =
  | { sessionId: string; requestId: number; ok: true; sdp?: string }
  | { sessionId: string; requestId: number; ok: false; error: string };

export type Intent =
  | { intent: 'answer'; video: boolean }
  /** `dnd`: refused because the desk is on do not disturb; the room's call is missed, not declined. */
  | { intent: 'decline'; dnd?: boolean }
  | { intent: 'hangup' }
  | { intent: 'hold' }
  | { intent: 'resume' }
  /**
   * Offer fresh media (CALL_UPDATE): the call's media moved to another window (e.g. a reload), or,
   * with `iceRestart`, its connection failed and is tried again with new ICE credentials.
   */
  | { intent: 'renegotiate'; iceRestart?: boolean };

export type CallEvent =
  | { kind: 'alexa'; message: Message; now: number }
  | ({ kind: 'intent'; now: number } & Intent)
  | { kind: 'media'; result: MediaResult; now: number }
  | { kind: 'ring-timeout'; now: number }
  /** Alexa took a message the call sent (it answered 2xx). */
  | { kind: 'sent'; messageType: string; now: number }
  /** Alexa (or the network) refused a message for good, after the client's retries. */
  | { kind: 'send-failed'; messageType: string; /** Plain words for the call card (the technical side is logged). */ detail: string; now: number }
  /** The console is shutting down. */
  | { kind: 'shutdown'; now: number }
  /** Property mode: the outcome of a claim this desk made. */
  | { kind: 'claim-result'; claim: Claim; result: ClaimResult; now: number }
  /** Property mode: another desk answered the call, or ended it unanswered. */
  | { kind: 'elsewhere'; answeredBy: string; now: number }
  | { kind: 'elsewhere'; endedAs: EndReason; now: number };

export type Effect =
  /**
   * `forProperty`: the message a won claim sends on behalf of the property's desks (the one
   * CallRinging, the one CallEnded); it goes out even if this desk's own part in the call is over.
   */
  | { kind: 'send'; message: OutgoingMessage; forProperty?: true }
  | { kind: 'media'; request: MediaRequest }
  /** Property mode: ask the property; the manager feeds the result back as a claim-result event. */
  | { kind: 'claim'; claim: Claim }
  | { kind: 'start-ring-timer'; ms: number }
  | { kind: 'cancel-ring-timer' };

export interface MachineConfig {
  ringTimeoutMs: number;
  /** Send the documented CallInProgress (with the answer) before CallAccepted. */
  sendCallInProgress: boolean;
  /**
   * Sent with desk → room calls as customParams.callerName, for the Echo to show; absent: no
   * customParams (the field is not in Amazon's documentation).
   */
  callerName?: string;
  /** Property mode: every desk of the property rings for incoming calls; claims decide who acts. */
  shared?: boolean;
}

export type Transition =
  | { ok: true; state: CallState; effects: Effect[] }
  | { ok: false; code: 'invalid-transition' | 'stale-media-result'; message: string };

export type { CallResultCode };
