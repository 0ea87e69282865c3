// The store applies main's pushes once per animation frame (at once while the page is hidden),
// keeps unchanged calls as they were, derives only the rooms a change touches, and tells only the
// subscribers whose slice changed.
import { text } from '../../main/domain/text.js';
import { describe, expect, it } from 'vitest';
import type { CallsDelta, CallView, MissedCall, Room } from '../../main/ipc/contract.js';
import { FRAME_FALLBACK_MS } from '../../renderer/src/state/frame-batch.js';
import { callView, deskStatus } from '../support/fixtures.js';
import { emptySnapshot, loadedStore, ManualFrames } from './store-helpers.js';

function call(sessionId: string, over: Partial<CallView> = {}): CallView {
  return callView({ sessionId, ...over });
}
const missed = (sessionId: string, roomId = 'r2'): MissedCall => ({ sessionId, roomId, title: 'Room 102', remote: { type: 'RAW_ADDRESS', value: 'echo-102' }, at: 500, reason: 'missed' });
const room = (id: string): Room => ({ id, name: id, address: `echo-${id}`, addressType: 'RAW_ADDRESS' });
const ROOMS = [room('r1'), room('r2'), room('r3')];

function counter(subscribe: (listener: () => void) => () => void): () => number {
  let n = 0;
  subscribe(() => n++);
  return () => n;
}

describe('DeskStore calls events', () => {
  it('a push with the same calls changes nothing and notifies no one', async () => {
    const calls = { calls: [call('a'), call('b')], missed: [missed('m')] };
    const { store, push, setCalls } = await loadedStore(emptySnapshot({ calls }));
    const before = store.getState().snapshot!.calls;
    const renders = counter(store.subscribe);
    setCalls(calls);
    expect(renders()).toBe(0);
    expect(store.getState().snapshot!.calls).toBe(before);
  });

  it('a push that changes one call keeps the other calls and the missed list as they were', async () => {
    const { store, push, setCalls } = await loadedStore(emptySnapshot({ calls: { calls: [call('a'), call('b')], missed: [missed('m')] } }));
    const before = store.getState().snapshot!.calls;
    const renders = counter(store.subscribe);
    setCalls({ calls: [call('a'), call('b', { phase: 'active', answeredAt: 2000 })], missed: [missed('m')] });
    const after = store.getState().snapshot!.calls;
    expect(renders()).toBe(1);
    expect(after.calls[0]).toBe(before.calls[0]);
    expect(after.calls[1]).not.toBe(before.calls[1]);
    expect(after.calls[1].phase).toBe('active');
    expect(after.missed).toBe(before.missed);
  });

  it('a new missed call is taken in', async () => {
    const { store, push, setCalls } = await loadedStore(emptySnapshot({ calls: { calls: [], missed: [missed('m')] } }));
    const before = store.getState().snapshot!.calls;
    setCalls({ calls: [], missed: [missed('n'), missed('m')] });
    const after = store.getState().snapshot!.calls.missed;
    expect(after.map((m) => m.sessionId)).toEqual(['n', 'm']);
    expect(after[1]).toBe(before.missed[0]);
  });
});

describe('DeskStore once per frame', () => {
  it('applies the pushes that arrive before a frame together, at the frame, with one notification', async () => {
    const frames = new ManualFrames();
    const { store, push, setCalls } = await loadedStore(emptySnapshot({ rooms: ROOMS }), frames);
    const renders = counter(store.subscribe);
    setCalls({ calls: [call('a', { roomId: 'r1' })], missed: [] });
    setCalls({ calls: [call('a', { roomId: 'r1' }), call('b', { roomId: 'r2' })], missed: [] });
    push('notices', [{ id: 'n', level: 'info', message: text('notice.linked'), at: 1 }]);
    expect(store.getState().snapshot!.calls.calls).toEqual([]);
    expect(frames.waiting).toBe(1);
    frames.frame();
    expect(renders()).toBe(1);
    expect(store.getState().snapshot!.calls.calls.map((c) => c.sessionId)).toEqual(['a', 'b']);
    expect(store.getState().snapshot!.notices.map((n) => n.id)).toEqual(['n']);
    expect(store.roomState('r2').status).toBe('incoming');
  });

  it('applies pushes at once while the page is hidden (no frames come), and what waits when it hides', async () => {
    const frames = new ManualFrames();
    const { store, push, setCalls } = await loadedStore(emptySnapshot({ rooms: ROOMS }), frames);
    setCalls({ calls: [call('a', { roomId: 'r1' })], missed: [] });
    frames.setHidden(true); // minimized before the frame came
    expect(store.roomState('r1').status).toBe('incoming');
    setCalls({ calls: [call('a', { roomId: 'r1', phase: 'active' })], missed: [] });
    expect(store.roomState('r1').status).toBe('in-call');
    expect(frames.waiting).toBe(0);
  });

  it('applies waiting pushes after a short while when no frame comes', async () => {
    const frames = new ManualFrames();
    const { store, push, setCalls } = await loadedStore(emptySnapshot({ rooms: ROOMS }), frames);
    setCalls({ calls: [call('a', { roomId: 'r3' })], missed: [] });
    frames.timeout(); // FRAME_FALLBACK_MS later
    expect(FRAME_FALLBACK_MS).toBeLessThanOrEqual(100);
    expect(store.roomState('r3').status).toBe('incoming');
    expect(frames.waiting).toBe(0); // the frame was cancelled: nothing runs twice
  });

  it('drops pushes still waiting when a fresh snapshot loads (they are part of it)', async () => {
    const frames = new ManualFrames();
    const { store, push, setCalls } = await loadedStore(emptySnapshot({ rooms: ROOMS }), frames);
    setCalls({ calls: [call('stale', { roomId: 'r1' })], missed: [] });
    await store.load();
    frames.frame();
    expect(store.getState().snapshot!.calls.calls).toEqual([]);
  });
});

describe('DeskStore slices', () => {
  it('tells a room subscriber only about its room, and a call subscriber only about its call', async () => {
    const { store, push, setCalls } = await loadedStore(emptySnapshot({ rooms: ROOMS, calls: { calls: [call('a', { roomId: 'r1' })], missed: [] } }));
    const r1 = counter((l) => store.subscribeRoom('r1', l));
    const r2 = counter((l) => store.subscribeRoom('r2', l));
    const a = counter((l) => store.subscribeCall('a', l));
    const b = counter((l) => store.subscribeCall('b', l));
    setCalls({ calls: [call('a', { roomId: 'r1' }), call('b', { roomId: 'r2' })], missed: [] });
    expect([r1(), r2(), a(), b()]).toEqual([0, 1, 0, 1]);
    expect(store.call('b')?.roomId).toBe('r2');

    // A change that leaves the tile as it was (still ringing) reaches the call, not the room.
    setCalls({ calls: [call('a', { roomId: 'r1' }), call('b', { roomId: 'r2', video: true })], missed: [] });
    expect([r1(), r2(), a(), b()]).toEqual([0, 1, 0, 2]);

    setCalls({ calls: [call('a', { roomId: 'r1' })], missed: [missed('m', 'r2')] });
    expect(store.roomState('r2')).toMatchObject({ status: 'missed', missed: 1 });
    expect(store.call('b')).toBeUndefined();
    expect([r1(), r2(), a(), b()]).toEqual([0, 2, 0, 3]);
  });

  it('derives every room again when the rooms change', async () => {
    const { store, push, setCalls } = await loadedStore(emptySnapshot({ rooms: ROOMS, calls: { calls: [call('a', { roomId: 'r4' })], missed: [] } }));
    const r4 = counter((l) => store.subscribeRoom('r4', l));
    expect(store.roomState('r4').status).toBe('idle'); // not in the directory (yet)
    push('rooms', [room('r1'), room('r4')]);
    expect(store.roomState('r4').status).toBe('incoming');
    expect(r4()).toBe(1);
    expect(store.roomStates().has('r3')).toBe(false);
  });

  it('one room edited comes alone and is applied in its place, with a removal and an addition in the same frame', async () => {
    const { store, push } = await loadedStore(emptySnapshot({ rooms: ROOMS, calls: { calls: [call('a', { roomId: 'r9' })], missed: [] } }));
    push('room', { previousId: 'r2', room: { ...room('r2'), name: 'Suite 2' } });
    expect(store.getState().snapshot!.rooms.map((r) => r.name)).toEqual(['r1', 'Suite 2', 'r3']);
    push('room', { previousId: 'r1', room: null });
    push('room', { previousId: null, room: room('r9') });
    expect(store.getState().snapshot!.rooms.map((r) => r.id)).toEqual(['r2', 'r3', 'r9']);
    expect(store.roomState('r9').status).toBe('incoming'); // its call finds the room
  });

  it('a status push with the same content keeps the status object', async () => {
    const { store, push, setCalls } = await loadedStore(emptySnapshot());
    const before = store.getState();
    push('status', deskStatus());
    expect(store.getState()).toBe(before);
  });

  it('remembers the rooms whose state changed last, newest first', async () => {
    const { store, push, setCalls } = await loadedStore(emptySnapshot({ rooms: ROOMS }));
    expect(store.recentRooms()).toEqual([]);
    setCalls({ calls: [call('a', { roomId: 'r1' })], missed: [] });
    setCalls({ calls: [call('a', { roomId: 'r1' }), call('b', { roomId: 'r3' })], missed: [] });
    setCalls({ calls: [call('b', { roomId: 'r3' })], missed: [missed('x', 'r1')] });
    expect(store.recentRooms()).toEqual(['r1', 'r3']);
  });
});

describe('DeskStore local notices', () => {
  it('a notice with a key replaces the older one about the same thing, and goes once that thing works', async () => {
    const { store } = await loadedStore(emptySnapshot({ calls: { calls: [call('a')], missed: [] } }));
    store.addLocalNotice({ level: 'error', message: text('failed.hold'), detail: 'first', key: 'hold:a', sessionId: 'a' });
    store.addLocalNotice({ level: 'error', message: text('failed.resume'), detail: 'second', key: 'hold:a', sessionId: 'a' });
    store.addLocalNotice({ level: 'error', message: text('media.noMicrophone'), sessionId: 'a' });
    expect(store.getState().localNotices.map((n) => n.detail ?? n.message.id)).toEqual(['second', 'media.noMicrophone']);
    store.resolveLocal('hold:a');
    expect(store.getState().localNotices.map((n) => n.message.id)).toEqual(['media.noMicrophone']);
  });

  it("a call's failed actions go with the call; its media errors stay until dismissed", async () => {
    const { store, setCalls } = await loadedStore(emptySnapshot({ calls: { calls: [call('a')], missed: [] } }));
    store.addLocalNotice({ level: 'error', message: text('failed.hold'), key: 'hold:a', sessionId: 'a' });
    store.addLocalNotice({ level: 'warning', message: text('media.noCamera'), sessionId: 'a' });
    store.addLocalNotice({ level: 'error', message: text('media.noMicrophone'), sessionId: 'a' });
    setCalls({ calls: [], missed: [] });
    expect(store.getState().localNotices.map((n) => n.message.id)).toEqual(['media.noMicrophone']);
  });
});

describe('DeskStore calls deltas', () => {
  const delta = (seq: number, over: Partial<CallsDelta> = {}): CallsDelta => ({ seq, calls: [], removed: [], missed: [], missedRemoved: [], ...over });

  it('ignores a delta the snapshot already holds, and loads the snapshot again after a gap', async () => {
    const snapshot = emptySnapshot({ rooms: ROOMS, calls: { calls: [call('a', { roomId: 'r1' })], missed: [] } });
    snapshot.calls.seq = 5;
    const { store, push, loads } = await loadedStore(snapshot);
    const before = loads();
    push('calls', delta(5, { removed: ['a'] })); // already in the snapshot
    expect(store.call('a')).toBeDefined();
    push('calls', delta(6, { calls: [call('b', { roomId: 'r2' })] }));
    expect(store.roomState('r2').status).toBe('incoming');
    expect(loads()).toBe(before);
    push('calls', delta(8)); // 7 never came
    expect(loads()).toBe(before + 1);
  });

  it('applies several deltas waiting for one frame in order', async () => {
    const frames = new ManualFrames();
    const { store, push } = await loadedStore(emptySnapshot({ rooms: ROOMS }), frames);
    push('calls', delta(1, { calls: [call('a', { roomId: 'r1' })] }));
    push('calls', delta(2, { calls: [call('a', { roomId: 'r1', phase: 'active' })], missed: [missed('m', 'r3')] }));
    push('calls', delta(3, { removed: ['a'] }));
    frames.frame();
    expect(store.getState().snapshot!.calls.calls).toEqual([]);
    expect(store.roomState('r1').status).toBe('idle');
    expect(store.roomState('r3').status).toBe('missed');
  });
});
