// A call as the state machine holds it, for tests of what sits around the machine (views, claims).
import type { CallState } from '../../main/calls/types.js';

/** A ringing incoming call from `echo-<sessionId>` to the desk; `over` sets any field. */
export function callState(sessionId: string, over: Partial<CallState> = {}): CallState {
  return {
    sessionId,
    direction: 'incoming',
    phase: 'ringing',
    remote: { type: 'RAW_ADDRESS', value: `echo-${sessionId}` },
    local: { type: 'RAW_ADDRESS', value: 'front-desk' },
    video: false,
    held: false,
    heldAt: null,
    remoteHeld: false,
    negotiation: null,
    acceptPending: false,
    pendingOffer: null,
    awaitingRequest: null,
    lastRequestId: 0,
    startedAt: Date.now(),
    answeredAt: null,
    endedAt: null,
    endReason: null,
    error: null,
    ...over,
  } as CallState;
}
