// Keyboard shortcuts, as a pure function of the key, the calls and where the focus is. No key ever
// ends a call by accident: hanging up and declining take a deliberate chord, and Esc only closes
// panels (or declines the ringing call whose card has the focus).
//   Enter          answer: the focused ringing card's call, else the oldest ringing call
//   Ctrl+Shift+D   decline the focused (else the oldest) ringing call; Esc on its card too
//   Ctrl+Shift+H   hang up the focused call, else the current one
//   M / V          mute / video of the current call        H  hold or resume
//   S              switch to the next call on hold (main holds the current one)
//   N              focus the next call card                 / or Ctrl+F  search
//   Esc            close the topmost panel
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
  | { kind: 'focus-call'; sessionId: string }
  | { kind: 'search' }
  | { kind: 'close-panel' };

/** Where the keyboard focus is, as far as shortcuts care. */
export type FocusPlace =
  /** The page itself or something that takes no keys (text, a heading). */
  | { kind: 'none' }
  /** A text field, list or editable area: typing goes there and no shortcut acts. */
  | { kind: 'form' }
  /** A button, link, tab or room tile outside the call cards: Enter and Space belong to it. */
  | { kind: 'control' }
  /** A call's card, or (`onControl`) one of the buttons on it. */
  | { kind: 'call'; sessionId: string; onControl: boolean };

export interface KeyInput {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  shiftKey?: boolean;
}

/**
 * The shortcut hints shown on the buttons; Mac keyboards show ⌘ for the command key. The keys
 * are the same in every language; the names printed on keys are the keyboard's (German: "Strg").
 */
export function shortcutLabels(
  mac: boolean,
  keyNames: { enter: string; ctrl: string; shift: string },
): Record<'answer' | 'decline' | 'hangup' | 'mute' | 'video' | 'hold' | 'switch', string> {
  const chord = mac ? '⌘⇧' : `${keyNames.ctrl}+${keyNames.shift}+`;
  return { answer: keyNames.enter, decline: `${chord}D`, hangup: `${chord}H`, mute: 'M', video: 'V', hold: 'H', switch: 'S' };
}

export function keyAction(input: KeyInput, calls: readonly CallView[], focus: FocusPlace): KeyAction | null {
  const key = input.key.toLowerCase();
  const command = input.ctrlKey || input.metaKey;
  if (command && !input.altKey && key === 'f') return { kind: 'search' };
  if (command && input.shiftKey && !input.altKey) return chordAction(key, calls, focus);
  if (command || input.altKey || focus.kind === 'form') return null;

  const dock = splitCalls(calls);
  const focused = focus.kind === 'call' ? (dockOrder(calls).find((c) => c.sessionId === focus.sessionId) ?? null) : null;
  // The call M, V and H act on: the focused card's (past ringing), else the current call.
  const target = focused && !isRinging(focused) ? focused : (dock.current[0] ?? null);

  switch (key) {
    case 'enter': {
      if (focused && isRinging(focused) && focus.kind === 'call' && !focus.onControl) return { kind: 'answer', sessionId: focused.sessionId };
      // On a button, tab or tile Enter is that control's own; on a call card it is that call's.
      if (focus.kind !== 'none') return null;
      const oldest = dock.ringing[0];
      return oldest ? { kind: 'answer', sessionId: oldest.sessionId } : null;
    }
    case 'escape':
      if (focused && isRinging(focused)) return { kind: 'decline', sessionId: focused.sessionId };
      return { kind: 'close-panel' };
    case 'm':
      return target && !target.held ? { kind: 'mute', sessionId: target.sessionId } : null;
    case 'v':
      return target && !target.held ? { kind: 'video', sessionId: target.sessionId } : null;
    case 'h': {
      const call = target ?? dock.held[0] ?? null;
      if (!call || call.phase !== 'active') return null;
      return { kind: call.held ? 'resume' : 'hold', sessionId: call.sessionId };
    }
    case 's': {
      if (!dock.held.length) return null;
      const after = focused?.held ? dock.held.findIndex((c) => c.sessionId === focused.sessionId) + 1 : 0;
      return { kind: 'resume', sessionId: dock.held[after % dock.held.length].sessionId };
    }
    case 'n': {
      const order = dockOrder(calls);
      if (!order.length) return null;
      const index = focused ? order.indexOf(focused) : -1;
      return { kind: 'focus-call', sessionId: order[(index + 1) % order.length].sessionId };
    }
    case '/':
      return { kind: 'search' };
    default:
      return null;
  }
}

/** Ctrl+Shift (⌘⇧) chords: the two shortcuts that end a call. */
function chordAction(key: string, calls: readonly CallView[], focus: FocusPlace): KeyAction | null {
  const order = dockOrder(calls);
  const focused = focus.kind === 'call' ? (order.find((c) => c.sessionId === focus.sessionId) ?? null) : null;
  const dock = splitCalls(calls);
  if (key === 'd') {
    const call = focused && isRinging(focused) ? focused : dock.ringing[0];
    return call ? { kind: 'decline', sessionId: call.sessionId } : null;
  }
  if (key === 'h') {
    const call = focused && !isRinging(focused) ? focused : dock.current[0];
    return call ? { kind: 'hangup', sessionId: call.sessionId } : null;
  }
  return null;
}

const FORM_FIELDS = 'input, textarea, select, [contenteditable=""], [contenteditable="true"]';
const CONTROLS = 'button, a[href], summary, [role="button"], [role="tab"], [role="switch"], [role="link"], [role="gridcell"], [role="option"], [role="menuitem"]';
const CALL_CARDS = '[data-testid="incoming-call"], [data-testid="active-call"]';

/** Where an element with the focus sits (the event target of a key press). */
export function focusPlace(target: Element | null): FocusPlace {
  if (!target || typeof target.closest !== 'function') return { kind: 'none' };
  if (target.closest(FORM_FIELDS)) return { kind: 'form' };
  const card = target.closest(CALL_CARDS);
  const sessionId = card?.getAttribute('data-session-id');
  const control = target.closest(CONTROLS);
  if (card && sessionId) return { kind: 'call', sessionId, onControl: control !== null && card.contains(control) };
  return control ? { kind: 'control' } : { kind: 'none' };
}
