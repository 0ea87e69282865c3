// One live call at a time: the desk talks to the call it answered, resumed or placed last, and
// every other call that is up goes on hold (CALL_HOLD) as soon as it can. Pure rules; the call
// manager keeps which call has the line and sends the holds.
import type { CallState } from './types.js';

/** The change that gives a call the desk's line: answered (by staff or auto-answer), resumed, or placed. */
export function takesTheLine(before: CallState | null, after: CallState): boolean {
  if (after.phase === 'ended') return false;
  if (!before) return after.direction === 'outgoing';
  // Answered: the desk answers it now (in property mode only once its claim on the call won).
  if (!answeredHere(before) && answeredHere(after)) return true;
  return before.held && !after.held && after.negotiation?.by === 'local';
}

function answeredHere(call: CallState): boolean {
  return call.phase === 'answering' && call.ownership === 'mine';
}

/** A call that is up and not held while another call has the line: it should go on hold. */
export function holdsAside(call: CallState, line: string | null): boolean {
  return line !== null && call.sessionId !== line && call.phase === 'active' && !call.held;
}
