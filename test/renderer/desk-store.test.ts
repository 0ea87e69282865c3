// The store patches main's pushes into its snapshot, keeping unchanged calls as they were, so a
// push that changes nothing renders nothing and memoized tiles and cards keep their props.
import { describe, expect, it } from 'vitest';
import type { CallsSnapshot, CallView, DeskEvents, MissedCall, Snapshot } from '../../main/ipc/contract.js';
import type { DeskClient } from '../../renderer/src/desk-client.js';
import { DeskStore } from '../../renderer/src/state/desk-store.js';
import { fakeDesk, settings, status } from './form-helpers.js';
import { callView } from '../support/fixtures.js';

function call(sessionId: string, over: Partial<CallView> = {}): CallView {
  return callView({ sessionId, ...over });
}
const missed = (sessionId: string): MissedCall => ({ sessionId, roomId: 'r2', title: 'Room 102', at: 500, reason: 'missed' });

/** A store loaded with `calls`, and a way to push a `calls` event as main does (fresh objects each time). */
async function loadedStore(calls: CallsSnapshot) {
  const listeners = new Map<string, (payload: unknown) => void>();
  const snapshot: Snapshot = { status: status(), rooms: [], calls: structuredClone(calls), notices: [] };
  const fake = fakeDesk({ getSnapshot: () => ({ ok: true, value: snapshot }), getSettings: () => ({ ok: true, value: settings() }) });
  const client: DeskClient = {
    ...fake.desk,
    on: (event, listener) => {
      listeners.set(event, listener as (payload: unknown) => void);
      return () => listeners.delete(event);
    },
    connection: () => ({ state: 'open', problem: null }),
    onConnection: () => () => {},
    close: () => {},
  };
  const store = new DeskStore(client);
  store.start();
  await store.load();
  let renders = 0;
  store.subscribe(() => renders++);
  return {
    store,
    push: (next: CallsSnapshot) => listeners.get('calls')!(structuredClone(next) satisfies DeskEvents['calls']),
    renders: () => renders,
  };
}

describe('DeskStore calls events', () => {
  it('a push with the same calls changes nothing and notifies no one', async () => {
    const calls = { calls: [call('a'), call('b')], missed: [missed('m')] };
    const { store, push, renders } = await loadedStore(calls);
    const before = store.getState().snapshot!.calls;
    push(calls);
    expect(renders()).toBe(0);
    expect(store.getState().snapshot!.calls).toBe(before);
  });

  it('a push that changes one call keeps the other calls and the missed list as they were', async () => {
    const { store, push, renders } = await loadedStore({ calls: [call('a'), call('b')], missed: [missed('m')] });
    const before = store.getState().snapshot!.calls;
    push({ calls: [call('a'), call('b', { phase: 'active', answeredAt: 2000 })], missed: [missed('m')] });
    const after = store.getState().snapshot!.calls;
    expect(renders()).toBe(1);
    expect(after.calls[0]).toBe(before.calls[0]);
    expect(after.calls[1]).not.toBe(before.calls[1]);
    expect(after.calls[1].phase).toBe('active');
    expect(after.missed).toBe(before.missed);
  });

  it('a new missed call is taken in', async () => {
    const { store, push } = await loadedStore({ calls: [], missed: [missed('m')] });
    const before = store.getState().snapshot!.calls;
    push({ calls: [], missed: [missed('n'), missed('m')] });
    const after = store.getState().snapshot!.calls.missed;
    expect(after.map((m) => m.sessionId)).toEqual(['n', 'm']);
    expect(after[1]).toBe(before.missed[0]);
  });
});
