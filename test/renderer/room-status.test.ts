// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { CallView, MissedCall, Room } from '../../main/ipc/contract.js';
import { callStatus, deriveRoomState, deriveRoomStates, touchedRooms, updateRoomStates } from '../../renderer/src/state/room-status.js';
import { callView as call } from '../support/fixtures.js';


const missedCall = (over: Partial<MissedCall> = {}): MissedCall => ({ sessionId: 'm1', roomId: 'r1', title: 'Room 101', remote: { type: 'RAW_ADDRESS', value: 'echo-101' }, at: 500, reason: 'missed', ...over });
const room = (id: string): Room => ({ id, name: id, address: `echo-${id}`, addressType: 'RAW_ADDRESS' });

describe('callStatus', () => {
  it.each([
    [{ direction: 'incoming', phase: 'ringing' }, 'incoming'],
    [{ direction: 'incoming', phase: 'answering' }, 'incoming'],
    [{ direction: 'incoming', phase: 'active' }, 'in-call'],
    [{ direction: 'outgoing', phase: 'offering' }, 'outgoing'],
    [{ direction: 'outgoing', phase: 'calling' }, 'outgoing'],
    [{ direction: 'outgoing', phase: 'alerting' }, 'outgoing'],
    [{ direction: 'outgoing', phase: 'early' }, 'outgoing'],
    [{ direction: 'outgoing', phase: 'active' }, 'in-call'],
    [{ phase: 'active', held: true }, 'held'],
    [{ phase: 'active', remoteHeld: true }, 'held'],
    [{ direction: 'outgoing', phase: 'active', remoteHeld: true }, 'held'],
    [{ phase: 'ended' }, null],
  ] as [Partial<CallView>, string | null][])('%o -> %s', (over, expected) => {
    expect(callStatus(call(over))).toBe(expected);
  });
});

describe('deriveRoomState', () => {
  it('is idle with no calls and no missed calls', () => {
    expect(deriveRoomState([], [])).toEqual({ status: 'idle', since: null, missed: 0, sessionId: null, desk: null });
  });

  it('a live call wins over missed calls, and keeps the missed count for the badge', () => {
    const state = deriveRoomState([call({ phase: 'ringing', startedAt: 42 })], [missedCall(), missedCall({ sessionId: 'm2' })]);
    expect(state).toEqual({ status: 'incoming', since: 42, missed: 2, sessionId: 's1', desk: null });
  });

  it('times an answered call from when it was answered, a held one from when the desk held it', () => {
    expect(deriveRoomState([call({ phase: 'active', startedAt: 10, answeredAt: 30 })], []).since).toBe(30);
    expect(deriveRoomState([call({ phase: 'active', startedAt: 10, answeredAt: 30, held: true, heldAt: 90 })], [])).toMatchObject({ status: 'held', since: 90 });
  });

  it('is missed with the latest missed time when there are unacknowledged missed calls', () => {
    const state = deriveRoomState([], [missedCall({ at: 100 }), missedCall({ sessionId: 'm2', at: 300 })]);
    expect(state).toEqual({ status: 'missed', since: 300, missed: 2, sessionId: null, desk: null });
  });

  it('ignores ended calls', () => {
    expect(deriveRoomState([call({ phase: 'ended', endReason: 'completed' })], []).status).toBe('idle');
  });

  it('shows the most urgent of several calls: a new ringing call over a held one', () => {
    const held = call({ sessionId: 'held', phase: 'active', held: true });
    const ringing = call({ sessionId: 'ring', phase: 'ringing' });
    expect(deriveRoomState([held, ringing], [])).toMatchObject({ status: 'incoming', sessionId: 'ring' });
    const active = call({ sessionId: 'up', phase: 'active' });
    expect(deriveRoomState([held, active], [])).toMatchObject({ status: 'in-call', sessionId: 'up' });
  });
});

describe('deriveRoomStates', () => {
  it('property mode: a call another desk has shows on its room with that desk, and a call here wins', () => {
    const elsewhere = [call({ sessionId: 'e1', roomId: 'r1', phase: 'active', answeredAt: 7, desk: 'Desk B' }), call({ sessionId: 'e2', roomId: 'r2', phase: 'ringing', desk: null })];
    const states = deriveRoomStates([room('r1'), room('r2'), room('r3')], { calls: [call({ sessionId: 'h1', roomId: 'r2', phase: 'active', answeredAt: 9 })], elsewhere, missed: [] });
    expect(states.get('r1')).toEqual({ status: 'in-call', since: 7, missed: 0, sessionId: 'e1', desk: 'Desk B' });
    expect(states.get('r2')).toMatchObject({ status: 'incoming', sessionId: 'e2', desk: null });
    expect(states.get('r3')).toMatchObject({ status: 'idle', desk: null });
  });

  it('assigns calls and missed calls to their rooms; unknown callers touch no room', () => {
    const states = deriveRoomStates(
      [room('r1'), room('r2'), room('r3')],
      { elsewhere: [], calls: [call({ roomId: 'r2' }), call({ sessionId: 'x', roomId: null })], missed: [missedCall({ roomId: 'r3' })] },
    );
    expect(states.get('r1')?.status).toBe('idle');
    expect(states.get('r2')?.status).toBe('incoming');
    expect(states.get('r3')?.status).toBe('missed');
  });

  it('reuses one state object for untouched rooms so memoized tiles do not re-render', () => {
    const states = deriveRoomStates([room('r1'), room('r2')], { elsewhere: [], calls: [], missed: [] });
    expect(states.get('r1')).toBe(states.get('r2'));
  });

  it('keeps the previous state of every room whose status did not change', () => {
    const rooms = [room('r1'), room('r2'), room('r3')];
    const before = deriveRoomStates(rooms, { elsewhere: [], calls: [call({ roomId: 'r1' })], missed: [missedCall({ roomId: 'r2' })] });
    // Fresh objects with the same data (as every push from main brings), plus a new call for r3.
    const after = deriveRoomStates(
      rooms,
      { elsewhere: [], calls: [call({ roomId: 'r1' }), call({ sessionId: 's3', roomId: 'r3' })], missed: [missedCall({ roomId: 'r2' })] },
      before,
    );
    expect(after).not.toBe(before);
    expect(after.get('r1')).toBe(before.get('r1'));
    expect(after.get('r2')).toBe(before.get('r2'));
    expect(after.get('r3')).toMatchObject({ status: 'incoming', sessionId: 's3' });
  });

  it('returns the previous map itself when no room changed', () => {
    const rooms = [room('r1'), room('r2')];
    const before = deriveRoomStates(rooms, { elsewhere: [], calls: [call({ roomId: 'r1' })], missed: [] });
    const ended = call({ sessionId: 'gone', roomId: 'r2', phase: 'ended', endedAt: 2000 });
    expect(deriveRoomStates(rooms, { elsewhere: [], calls: [call({ roomId: 'r1' }), ended], missed: [] }, before)).toBe(before);
    expect(deriveRoomStates([room('r1')], { elsewhere: [], calls: [call({ roomId: 'r1' })], missed: [] }, before)).not.toBe(before);
  });
});

describe('updateRoomStates', () => {
  const rooms = [room('r1'), room('r2'), room('r3')];

  it('derives only the touched rooms and names those whose state changed', () => {
    const before = deriveRoomStates(rooms, { elsewhere: [], calls: [], missed: [] });
    const calls = { elsewhere: [], calls: [call({ roomId: 'r2' })], missed: [] };
    const { states, changed } = updateRoomStates(rooms, calls, before, ['r2', 'r3', 'gone']);
    expect(changed).toEqual(['r2']);
    expect(states.get('r2')?.status).toBe('incoming');
    expect(states.get('r1')).toBe(before.get('r1'));
    expect(before.get('r2')?.status).toBe('idle'); // the previous map is left as it was
    // An untouched room is not looked at, even if its calls say otherwise.
    expect(updateRoomStates(rooms, { elsewhere: [], calls: [call({ roomId: 'r1' })], missed: [] }, before, []).states).toBe(before);
  });

  it("derives every room for 'all', dropping rooms no longer in the directory", () => {
    const before = deriveRoomStates(rooms, { elsewhere: [], calls: [], missed: [] });
    const { states, changed } = updateRoomStates([room('r1'), room('r4')], { elsewhere: [], calls: [call({ roomId: 'r1' })], missed: [] }, before, 'all');
    expect(changed.sort()).toEqual(['r1', 'r4']);
    expect(states.get('r1')?.status).toBe('incoming');
    expect(states.has('r2')).toBe(false);
  });
});

describe('touchedRooms', () => {
  it('names the rooms of calls and missed calls that came, went or changed (by identity)', () => {
    const a = call({ sessionId: 'a', roomId: 'r1' });
    const b = call({ sessionId: 'b', roomId: 'r2' });
    const m = missedCall({ roomId: 'r3' });
    const before = { elsewhere: [], calls: [a, b], missed: [m] };
    expect(touchedRooms(before, before)).toEqual(new Set());
    expect(touchedRooms(before, { elsewhere: [], calls: [a, { ...b, phase: 'active' }], missed: [m] })).toEqual(new Set(['r2']));
    expect(touchedRooms(before, { elsewhere: [], calls: [b, call({ sessionId: 'x', roomId: null })], missed: [] })).toEqual(new Set(['r1', 'r3']));
  });
});
