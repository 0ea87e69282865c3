// Keyboard shortcuts of the call dock, as a pure function of the key, the calls and the selection:
//   Enter answer the oldest ringing call   Esc  hang up the selected/current call, or decline
//   M mute   V video on/off   H hold/resume   N select the next call
import type { CallView } from '../../../main/ipc/contract.js';
import { dockOrder, isRinging, splitCalls } from './calls.js';

export type KeyAction =
  | { kind: 'answer'; sessionId: string }
  | { kind: 'decline'; sessionId: string }
  | { kind: 'hangup'; sessionId: string }
  | { kind: 'mute'; sessionId: string }
  | { kind: 'video'; sessionId: string }
  | { kind: 'hold'; sessionId: string }
  | { kind: 'resume'; sessionId: string }
  | { kind: 'select'; sessionId: string };

export function keyAction(key: string, calls: readonly CallView[], selectedId: string | null): KeyAction | null {
  const dock = splitCalls(calls);
  const selected = dockOrder(calls).find((c) => c.sessionId === selectedId) ?? null;
  // The call M, V, H and Esc act on: the selected one, else the first current call.
  const focus = selected && !isRinging(selected) ? selected : (dock.current[0] ?? null);

  switch (key.toLowerCase()) {
    case 'enter': {
      const oldest = dock.ringing[0];
      return oldest ? { kind: 'answer', sessionId: oldest.sessionId } : null;
    }
    case 'escape': {
      if (selected && isRinging(selected)) return { kind: 'decline', sessionId: selected.sessionId };
      if (focus) return { kind: 'hangup', sessionId: focus.sessionId };
      const oldest = dock.ringing[0];
      return oldest ? { kind: 'decline', sessionId: oldest.sessionId } : null;
    }
    case 'm':
      return focus && !focus.held ? { kind: 'mute', sessionId: focus.sessionId } : null;
    case 'v':
      return focus && !focus.held ? { kind: 'video', sessionId: focus.sessionId } : null;
    case 'h': {
      const target = focus ?? dock.held[0] ?? null;
      if (!target || target.phase !== 'active') return null;
      return { kind: target.held ? 'resume' : 'hold', sessionId: target.sessionId };
    }
    case 'n': {
      const order = dockOrder(calls);
      if (!order.length) return null;
      const index = order.findIndex((c) => c.sessionId === selectedId);
      return { kind: 'select', sessionId: order[(index + 1) % order.length].sessionId };
    }
    default:
      return null;
  }
}
