// React's view of the DeskStore: each component subscribes to its own slice and re-renders only
// when that slice changes (a tile to its room, a call card to its call).
import { createContext, useCallback, useContext, useRef, useSyncExternalStore } from 'react';
import type { CallView } from '../../../main/ipc/contract.js';
import type { DeskState, DeskStore } from './desk-store.js';
import type { RoomState } from './room-status.js';

export const DeskStoreContext = createContext<DeskStore | null>(null);

export function useDeskStore(): DeskStore {
  const store = useContext(DeskStoreContext);
  if (!store) throw new Error('useDeskStore: no DeskStoreContext above this component');
  return store;
}

/**
 * A value derived from the state; the component re-renders only when it changes (by `equal`, so a
 * selector may build a fresh array and still cause no render when its content is the same).
 */
export function useDeskSelector<T>(select: (state: DeskState) => T, equal: (a: T, b: T) => boolean = Object.is): T {
  const store = useDeskStore();
  const cache = useRef<{ state: DeskState; select: (state: DeskState) => T; value: T } | null>(null);
  const read = () => {
    const state = store.getState();
    const cached = cache.current;
    if (cached && cached.state === state && cached.select === select) return cached.value;
    const fresh = select(state);
    const value = cached && equal(cached.value, fresh) ? cached.value : fresh;
    cache.current = { state, select, value };
    return value;
  };
  return useSyncExternalStore(store.subscribe, read);
}

export function useRoomState(roomId: string): RoomState {
  const store = useDeskStore();
  const subscribe = useCallback((listener: () => void) => store.subscribeRoom(roomId, listener), [store, roomId]);
  return useSyncExternalStore(subscribe, () => store.roomState(roomId));
}

/** Every room's state (for counts); changes whenever any room's state does. */
export function useRoomStates(): ReadonlyMap<string, RoomState> {
  const store = useDeskStore();
  return useSyncExternalStore(store.subscribe, store.roomStates);
}

export function useCall(sessionId: string): CallView | undefined {
  const store = useDeskStore();
  const subscribe = useCallback((listener: () => void) => store.subscribeCall(sessionId, listener), [store, sessionId]);
  return useSyncExternalStore(subscribe, () => store.call(sessionId));
}

/** Arrays with the same items in the same order. */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => Object.is(item, b[i]));
}
