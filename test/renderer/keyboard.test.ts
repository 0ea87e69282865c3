// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { CallView } from '../../main/ipc/contract.js';
import { activeCallState, splitCalls } from '../../renderer/src/state/calls.js';
import { focusPlace, keyAction, type FocusPlace, type KeyInput } from '../../renderer/src/state/keyboard.js';
import { callView } from '../support/fixtures.js';

function call(sessionId: string, over: Partial<CallView>): CallView {
  return callView({ sessionId, roomId: sessionId, title: sessionId, remote: { type: 'RAW_ADDRESS', value: sessionId }, startedAt: 0, ...over });
}

const ringOld = call('ring-old', { startedAt: 1 });
const ringNew = call('ring-new', { startedAt: 5 });
const active = call('active', { phase: 'active', startedAt: 3, answeredAt: 4 });
const held = call('held', { phase: 'active', held: true, startedAt: 2 });
const ended = call('ended', { phase: 'ended', endReason: 'completed' });

describe('splitCalls', () => {
  it('orders the dock: ringing oldest first, then current, held, ended', () => {
    const dock = splitCalls([ringNew, held, ended, active, ringOld]);
    expect(dock.ringing.map((c) => c.sessionId)).toEqual(['ring-old', 'ring-new']);
    expect(dock.current.map((c) => c.sessionId)).toEqual(['active']);
    expect(dock.held.map((c) => c.sessionId)).toEqual(['held']);
    expect(dock.ended.map((c) => c.sessionId)).toEqual(['ended']);
  });

  it("data-state is the phase, or 'held' when either side holds", () => {
    expect(activeCallState(active)).toBe('active');
    expect(activeCallState(held)).toBe('held');
    expect(activeCallState(call('x', { phase: 'active', remoteHeld: true }))).toBe('held');
    expect(activeCallState(call('x', { direction: 'outgoing', phase: 'alerting' }))).toBe('alerting');
  });
});

const none: FocusPlace = { kind: 'none' };
const onCard = (sessionId: string, onControl = false): FocusPlace => ({ kind: 'call', sessionId, onControl });
const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({ key: k, ...mods });
const chord = (k: string): KeyInput => ({ key: k, ctrlKey: true, shiftKey: true });

describe('keyAction', () => {
  const all = [ringNew, active, held, ringOld];

  it('Enter answers the oldest ringing call when nothing in particular has the focus', () => {
    expect(keyAction(key('Enter'), all, none)).toEqual({ kind: 'answer', sessionId: 'ring-old' });
    expect(keyAction(key('Enter'), [active], none)).toBeNull();
  });

  it("Enter on a ringing call's card answers that call; on a button, a tile or a field it does nothing", () => {
    expect(keyAction(key('Enter'), all, onCard('ring-new'))).toEqual({ kind: 'answer', sessionId: 'ring-new' });
    expect(keyAction(key('Enter'), all, onCard('ring-new', true))).toBeNull(); // the button's own click
    expect(keyAction(key('Enter'), all, { kind: 'control' })).toBeNull();
    expect(keyAction(key('Enter'), all, { kind: 'form' })).toBeNull();
    expect(keyAction(key('Enter'), all, onCard('active'))).toBeNull();
  });

  it('Esc never ends a call: it closes the topmost panel, or declines the ringing call whose card has the focus', () => {
    expect(keyAction(key('Escape'), all, none)).toEqual({ kind: 'close-panel' });
    expect(keyAction(key('Escape'), all, onCard('active'))).toEqual({ kind: 'close-panel' });
    expect(keyAction(key('Escape'), all, onCard('held'))).toEqual({ kind: 'close-panel' });
    expect(keyAction(key('Escape'), all, { kind: 'control' })).toEqual({ kind: 'close-panel' });
    expect(keyAction(key('Escape'), all, onCard('ring-new'))).toEqual({ kind: 'decline', sessionId: 'ring-new' });
    expect(keyAction(key('Escape'), all, onCard('ring-new', true))).toEqual({ kind: 'decline', sessionId: 'ring-new' });
    expect(keyAction(key('Escape'), all, { kind: 'form' })).toBeNull(); // the field's own (e.g. clearing a search)
  });

  it('Ctrl+Shift+H hangs up the focused call, else the current one; never a ringing call', () => {
    expect(keyAction(chord('H'), all, none)).toEqual({ kind: 'hangup', sessionId: 'active' });
    expect(keyAction(chord('h'), all, onCard('held'))).toEqual({ kind: 'hangup', sessionId: 'held' });
    expect(keyAction(chord('H'), all, onCard('ring-new'))).toEqual({ kind: 'hangup', sessionId: 'active' });
    expect(keyAction(chord('H'), [ringOld], none)).toBeNull();
    expect(keyAction({ key: 'H', metaKey: true, shiftKey: true }, all, none)).toEqual({ kind: 'hangup', sessionId: 'active' });
    // a chord works from a field too: it cannot be typed by accident
    expect(keyAction(chord('H'), all, { kind: 'form' })).toEqual({ kind: 'hangup', sessionId: 'active' });
  });

  it('Ctrl+Shift+D declines the focused ringing call, else the oldest', () => {
    expect(keyAction(chord('D'), all, none)).toEqual({ kind: 'decline', sessionId: 'ring-old' });
    expect(keyAction(chord('D'), all, onCard('ring-new'))).toEqual({ kind: 'decline', sessionId: 'ring-new' });
    expect(keyAction(chord('D'), [active], none)).toBeNull();
  });

  it('plain letters with Ctrl, Alt or Cmd do nothing (they belong to the system)', () => {
    expect(keyAction(key('m', { ctrlKey: true }), all, none)).toBeNull();
    expect(keyAction(key('h', { altKey: true }), all, none)).toBeNull();
    expect(keyAction(key('Enter', { metaKey: true }), all, none)).toBeNull();
  });

  it('M and V act on the current call, not on a held one', () => {
    expect(keyAction(key('m'), all, none)).toEqual({ kind: 'mute', sessionId: 'active' });
    expect(keyAction(key('V'), all, none)).toEqual({ kind: 'video', sessionId: 'active' });
    expect(keyAction(key('m'), [held], onCard('held'))).toBeNull();
  });

  it('H holds the current call and resumes a held one when nothing else is up', () => {
    expect(keyAction(key('h'), all, none)).toEqual({ kind: 'hold', sessionId: 'active' });
    expect(keyAction(key('h'), all, onCard('held'))).toEqual({ kind: 'resume', sessionId: 'held' });
    expect(keyAction(key('h'), [held, ringOld], none)).toEqual({ kind: 'resume', sessionId: 'held' });
    expect(keyAction(key('h'), [call('c', { direction: 'outgoing', phase: 'calling' })], none)).toBeNull();
  });

  it('S switches to the next call on hold', () => {
    const held2 = call('held-2', { phase: 'active', held: true, startedAt: 4 });
    expect(keyAction(key('s'), [...all, held2], none)).toEqual({ kind: 'resume', sessionId: 'held' });
    expect(keyAction(key('s'), [...all, held2], onCard('held'))).toEqual({ kind: 'resume', sessionId: 'held-2' });
    expect(keyAction(key('s'), [...all, held2], onCard('held-2'))).toEqual({ kind: 'resume', sessionId: 'held' });
    expect(keyAction(key('s'), [active], none)).toBeNull();
  });

  it('N moves the focus through live calls in dock order', () => {
    expect(keyAction(key('n'), all, none)).toEqual({ kind: 'focus-call', sessionId: 'ring-old' });
    expect(keyAction(key('n'), all, onCard('ring-old'))).toEqual({ kind: 'focus-call', sessionId: 'ring-new' });
    expect(keyAction(key('n'), all, onCard('active'))).toEqual({ kind: 'focus-call', sessionId: 'held' });
    expect(keyAction(key('n'), all, onCard('held'))).toEqual({ kind: 'focus-call', sessionId: 'ring-old' });
    expect(keyAction(key('n'), [], none)).toBeNull();
  });

  it('/ and Ctrl+F go to the search; no letter acts while typing in a field', () => {
    expect(keyAction(key('/'), all, none)).toEqual({ kind: 'search' });
    expect(keyAction(key('f', { ctrlKey: true }), all, none)).toEqual({ kind: 'search' });
    expect(keyAction(key('f', { ctrlKey: true }), all, { kind: 'form' })).toEqual({ kind: 'search' });
    for (const k of ['/', 'm', 'v', 'h', 's', 'n', 'Enter']) expect(keyAction(key(k), all, { kind: 'form' })).toBeNull();
  });

  it('other keys do nothing', () => {
    expect(keyAction(key('x'), all, none)).toBeNull();
  });
});

describe('focusPlace', () => {
  function dom(html: string): HTMLElement {
    const root = document.createElement('div');
    root.innerHTML = html;
    document.body.replaceChildren(root);
    return root;
  }

  it('tells fields, controls, call cards and their buttons apart', () => {
    const root = dom(`
      <input id="field"><select id="list"></select><button id="button">x</button><p id="text">t</p>
      <section data-testid="incoming-call" data-session-id="s1" tabindex="0" id="card"><span id="inside">Room</span><button id="answer">Answer</button></section>`);
    const at = (id: string) => root.querySelector(`#${id}`);
    expect(focusPlace(at('field'))).toEqual({ kind: 'form' });
    expect(focusPlace(at('list'))).toEqual({ kind: 'form' });
    expect(focusPlace(at('button'))).toEqual({ kind: 'control' });
    expect(focusPlace(at('text'))).toEqual({ kind: 'none' });
    expect(focusPlace(document.body)).toEqual({ kind: 'none' });
    expect(focusPlace(null)).toEqual({ kind: 'none' });
    expect(focusPlace(at('card'))).toEqual({ kind: 'call', sessionId: 's1', onControl: false });
    expect(focusPlace(at('inside'))).toEqual({ kind: 'call', sessionId: 's1', onControl: false });
    expect(focusPlace(at('answer'))).toEqual({ kind: 'call', sessionId: 's1', onControl: true });
  });
});
