// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { CallView } from '../../main/ipc/contract.js';
import { activeCallState, splitCalls } from '../../renderer/src/state/calls.js';
import { keyAction } from '../../renderer/src/state/keyboard.js';
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

describe('keyAction', () => {
  const all = [ringNew, active, held, ringOld];

  it('Enter answers the oldest ringing call; nothing when none rings', () => {
    expect(keyAction('Enter', all, null)).toEqual({ kind: 'answer', sessionId: 'ring-old' });
    expect(keyAction('Enter', [active], null)).toBeNull();
  });

  it('Esc hangs up the current call, declines a selected ringing call, else the oldest ringing', () => {
    expect(keyAction('Escape', all, null)).toEqual({ kind: 'hangup', sessionId: 'active' });
    expect(keyAction('Escape', all, 'ring-new')).toEqual({ kind: 'decline', sessionId: 'ring-new' });
    expect(keyAction('Escape', [ringNew, ringOld], null)).toEqual({ kind: 'decline', sessionId: 'ring-old' });
    expect(keyAction('Escape', [], null)).toBeNull();
  });

  it('M and V act on the current call, not on a held one', () => {
    expect(keyAction('m', all, null)).toEqual({ kind: 'mute', sessionId: 'active' });
    expect(keyAction('V', all, null)).toEqual({ kind: 'video', sessionId: 'active' });
    expect(keyAction('m', [held], 'held')).toBeNull();
  });

  it('H holds the current call and resumes a held one when nothing else is up', () => {
    expect(keyAction('h', all, null)).toEqual({ kind: 'hold', sessionId: 'active' });
    expect(keyAction('h', [held, ringOld], null)).toEqual({ kind: 'resume', sessionId: 'held' });
    expect(keyAction('h', [call('c', { direction: 'outgoing', phase: 'calling' })], null)).toBeNull();
  });

  it('N cycles the selection through live calls in dock order', () => {
    expect(keyAction('n', all, null)).toEqual({ kind: 'select', sessionId: 'ring-old' });
    expect(keyAction('n', all, 'ring-old')).toEqual({ kind: 'select', sessionId: 'ring-new' });
    expect(keyAction('n', all, 'active')).toEqual({ kind: 'select', sessionId: 'held' });
    expect(keyAction('n', all, 'held')).toEqual({ kind: 'select', sessionId: 'ring-old' });
    expect(keyAction('n', [], null)).toBeNull();
  });

  it('other keys do nothing', () => {
    expect(keyAction('x', all, null)).toBeNull();
  });
});
