// Main pushes only what changed in the calls; a window (or the tray) applies each delta to what it
// holds. Applying is idempotent, so a delta a fresh snapshot already includes changes nothing.
import { describe, expect, it } from 'vitest';
import { applyCallsDelta, NO_CALLS } from '../../main/domain/calls-delta.js';
import type { CallsDelta, MissedCall } from '../../main/ipc/contract.js';
import { callView } from '../support/fixtures.js';

const delta = (seq: number, over: Partial<CallsDelta> = {}): CallsDelta => ({ seq, calls: [], removed: [], missed: [], missedRemoved: [], ...over });
const missed = (sessionId: string): MissedCall => ({ sessionId, roomId: 'r1', title: 'Room 101', remote: { type: 'RAW_ADDRESS', value: 'echo-101' }, at: 1, reason: 'missed' });

describe('applyCallsDelta', () => {
  it('adds new calls at the end, replaces changed ones in place, drops removed ones; others stay the same objects', () => {
    const a = callView({ sessionId: 'a' });
    const b = callView({ sessionId: 'b' });
    const held = applyCallsDelta({ seq: 1, calls: [a, b], elsewhere: [], missed: [] }, delta(2, { calls: [callView({ sessionId: 'c' }), { ...a, phase: 'active' }], removed: ['b'] }));
    expect(held.seq).toBe(2);
    expect(held.calls.map((c) => [c.sessionId, c.phase])).toEqual([
      ['a', 'active'],
      ['c', 'ringing'],
    ]);
    const next = applyCallsDelta(held, delta(3, { calls: [callView({ sessionId: 'd' })] }));
    expect(next.calls[0]).toBe(held.calls[0]);
  });

  it('puts new missed calls first and drops cleared ones', () => {
    const one = applyCallsDelta(NO_CALLS, delta(1, { missed: [missed('m2'), missed('m1')] }));
    const two = applyCallsDelta(one, delta(2, { missed: [missed('m3')], missedRemoved: ['m1'] }));
    expect(two.missed.map((m) => m.sessionId)).toEqual(['m3', 'm2']);
  });

  it('changes nothing when applied again', () => {
    const d = delta(4, { calls: [callView({ sessionId: 'a' })], missed: [missed('m')], removed: ['x'] });
    const once = applyCallsDelta(NO_CALLS, d);
    expect(applyCallsDelta(once, d)).toEqual(once);
  });

  it('property mode: the calls other desks have come whole when they changed, and an old delta does not take them back', () => {
    const before = { seq: 3, calls: [], elsewhere: [callView({ sessionId: 'x', desk: 'Desk B' })], missed: [] };
    expect(applyCallsDelta(before, delta(4, {})).elsewhere).toBe(before.elsewhere);
    const next = applyCallsDelta(before, delta(4, { elsewhere: [] }));
    expect(next.elsewhere).toEqual([]);
    expect(applyCallsDelta(next, delta(3, { elsewhere: before.elsewhere })).elsewhere).toEqual([]);
  });

  it('a missed call pushed again (its room was renamed) is replaced where it was', () => {
    const m1 = { sessionId: 'm1', roomId: null, title: 'Unknown room', remote: { type: 'RAW_ADDRESS' as const, value: 'echo-1' }, at: 2, reason: 'missed' as const };
    const m0 = { ...m1, sessionId: 'm0', at: 1 };
    const before = { seq: 1, calls: [], elsewhere: [], missed: [m1, m0] };
    const after = applyCallsDelta(before, delta(2, { missed: [{ ...m0, roomId: 'r1', title: 'Room 1' }] }));
    expect(after.missed.map((m) => [m.sessionId, m.title])).toEqual([
      ['m1', 'Unknown room'],
      ['m0', 'Room 1'],
    ]);
    expect(after.missed[0]).toBe(m1);
  });
});
