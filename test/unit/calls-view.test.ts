// The calls view pushes windows only what changed: a call that came or changed, calls that left
// the view, missed calls that came or went; nothing at all when nothing changed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallState } from '../../main/calls/types.js';
import { callState as state } from '../support/call-state.js';
import { CallsView, ENDED_VISIBLE_MS } from '../../main/desk/calls-view.js';
import { LocalMissedCalls } from '../../main/desk/missed-calls.js';
import { applyCallsDelta } from '../../main/domain/calls-delta.js';
import type { CallsDelta, Room } from '../../main/ipc/contract.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function setup() {
  let calls: CallState[] = [];
  const rooms = new Map<string, Room>();
  const pushed: CallsDelta[] = [];
  const missed = new LocalMissedCalls((address) => rooms.get(address), () => view.changed());
  const view: CallsView = new CallsView({
    calls: () => calls,
    missed: () => missed,
    elsewhere: () => [],
    roomFor: (address) => rooms.get(address),
    listening: () => true,
    emit: (delta) => pushed.push(delta),
  });
  const set = (next: CallState[]) => {
    calls = next;
    view.changed();
    vi.advanceTimersByTime(60);
  };
  return { view, pushed, set, rooms, missed };
}

describe('CallsView', () => {
  it('pushes a new or changed call alone, and nothing when nothing changed', () => {
    const { pushed, set } = setup();
    const a = state('a');
    set([a]);
    set([a, state('b')]);
    expect(pushed.map((d) => [d.seq, d.calls.map((c) => c.sessionId)])).toEqual([
      [1, ['a']],
      [2, ['b']],
    ]);
    set([{ ...a, lastRequestId: 7 }]); // a's new state looks the same to a window; b left
    expect(pushed).toHaveLength(3);
    expect(pushed[2]).toMatchObject({ calls: [], removed: ['b'] });
    set([{ ...a, phase: 'active', answeredAt: Date.now() }]);
    expect(pushed[3]!.calls.map((c) => [c.sessionId, c.phase])).toEqual([['a', 'active']]);
  });

  it('keeps an ended call in view for a moment, then pushes its removal', () => {
    const { view, pushed, set } = setup();
    set([state('a', { phase: 'ended', endedAt: Date.now(), endReason: 'completed' })]);
    expect(pushed[0]!.calls[0]!.phase).toBe('ended');
    view.ended();
    vi.advanceTimersByTime(ENDED_VISIBLE_MS + 200);
    expect(pushed[1]).toMatchObject({ seq: 2, removed: ['a'] });
    expect(view.snapshot()).toMatchObject({ seq: 2, calls: [] });
  });

  it('pushes missed calls that came and went; deltas applied to a snapshot give the snapshot after', () => {
    const { view, pushed, set, missed } = setup();
    set([state('a')]);
    const start = view.snapshot();
    missed.add({ sessionId: 'm1', remote: { type: 'RAW_ADDRESS', value: 'echo-x' }, at: 1, reason: 'missed' });
    vi.advanceTimersByTime(60);
    missed.add({ sessionId: 'm2', remote: { type: 'RAW_ADDRESS', value: 'echo-x' }, at: 2, reason: 'missed' });
    vi.advanceTimersByTime(60);
    missed.clear();
    vi.advanceTimersByTime(60);
    expect(pushed.slice(1).map((d) => [d.missed.map((m) => m.sessionId), d.missedRemoved])).toEqual([
      [['m1'], []],
      [['m2'], []],
      [[], ['m2', 'm1']],
    ]);
    expect(pushed.slice(1).reduce(applyCallsDelta, start)).toEqual(view.snapshot());
  });

  it('looks rooms up again when the rooms change', () => {
    const { view, pushed, set, rooms } = setup();
    set([state('a')]);
    expect(pushed[0]!.calls[0]!.roomId).toBeNull();
    rooms.set('echo-a', { id: 'r1', name: 'Room 101', address: 'echo-a', addressType: 'RAW_ADDRESS' });
    view.roomsChanged();
    vi.advanceTimersByTime(60);
    expect(pushed[1]!.calls[0]).toMatchObject({ roomId: 'r1', title: 'Room 101' });
  });
});
