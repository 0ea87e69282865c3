// How the call dock orders calls: ringing first (oldest on top), then the current calls, then held
// calls, then calls that just ended. Pure; the keyboard shortcuts use the same order.
import type { CallView } from '../../../main/ipc/contract.js';

export interface DockCalls {
  ringing: CallView[];
  /** Live calls past ringing that the desk has not put on hold (connecting, active, held by the room). */
  current: CallView[];
  /** Calls the desk put on hold. */
  held: CallView[];
  ended: CallView[];
}

export function isRinging(call: CallView): boolean {
  return call.direction === 'incoming' && call.phase === 'ringing';
}

export function splitCalls(calls: readonly CallView[]): DockCalls {
  const byStart = [...calls].sort((a, b) => a.startedAt - b.startedAt);
  const dock: DockCalls = { ringing: [], current: [], held: [], ended: [] };
  for (const call of byStart) {
    if (call.phase === 'ended') dock.ended.push(call);
    else if (isRinging(call)) dock.ringing.push(call);
    else if (call.held) dock.held.push(call);
    else dock.current.push(call);
  }
  return dock;
}

/** The `data-state` of an active-call element: its phase, or 'held' when either side holds it. */
export function activeCallState(call: CallView): string {
  return call.held || call.remoteHeld ? 'held' : call.phase;
}

/** Live calls in dock order (what "next call" cycles through). */
export function dockOrder(calls: readonly CallView[]): CallView[] {
  const dock = splitCalls(calls);
  return [...dock.ringing, ...dock.current, ...dock.held];
}
