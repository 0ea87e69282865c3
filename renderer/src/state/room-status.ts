// Tile status of each room, derived from main's snapshot (DESIGN §3.4). Pure: same input, same tiles.
import type { CallView, CallsSnapshot, MessageId, MissedCall, Room, RoomStatus } from '../../../main/ipc/contract.js';

/** The calls and missed calls (a snapshot's, without its place in the push sequence). */
type CallLists = Pick<CallsSnapshot, 'calls' | 'elsewhere' | 'missed'>;

export interface RoomState {
  status: RoomStatus;
  /** When the room entered this status (ms since epoch), when known. */
  since: number | null;
  /** Unacknowledged missed calls from this room. */
  missed: number;
  /** The call that decides the status, if any. */
  sessionId: string | null;
  /** Property mode: the desk that has the room's call when it is another desk. */
  desk: string | null;
}

type CallStatus = 'incoming' | 'outgoing' | 'in-call' | 'held';

/** When a room has several live calls, the most urgent one decides its tile. */
const CALL_PRIORITY: Record<CallStatus, number> = { incoming: 0, 'in-call': 1, outgoing: 2, held: 3 };

/** The tile status a live call gives its room; null for an ended call. */
export function callStatus(call: CallView): CallStatus | null {
  if (call.phase === 'ended') return null;
  if (call.direction === 'incoming' && (call.phase === 'ringing' || call.phase === 'answering')) return 'incoming';
  if (call.direction === 'outgoing' && call.phase !== 'active') return 'outgoing';
  if (call.held || call.remoteHeld) return 'held';
  return 'in-call';
}

/** Since when the room is in its status: ringing since the call started, on hold since the desk held it, else since answered. */
function callSince(call: CallView, status: CallStatus): number {
  if (status === 'incoming' || status === 'outgoing') return call.startedAt;
  if (status === 'held' && call.heldAt !== null) return call.heldAt;
  return call.answeredAt ?? call.startedAt;
}

/**
 * Status of one room: a live call first, then unacknowledged missed calls, else idle. Do not
 * disturb is the desk's state (the status bar), never painted on the rooms.
 */
export function deriveRoomState(roomCalls: readonly CallView[], roomMissed: readonly MissedCall[]): RoomState {
  let best: { call: CallView; status: CallStatus } | null = null;
  for (const call of roomCalls) {
    const status = callStatus(call);
    if (status && (!best || CALL_PRIORITY[status] < CALL_PRIORITY[best.status])) best = { call, status };
  }
  const missed = roomMissed.length;
  if (best) return { status: best.status, since: callSince(best.call, best.status), missed, sessionId: best.call.sessionId, desk: best.call.desk };
  if (missed > 0) {
    const latest = Math.max(...roomMissed.map((m) => m.at));
    return { status: 'missed', since: latest, missed, sessionId: null, desk: null };
  }
  return { status: 'idle', since: null, missed: 0, sessionId: null, desk: null };
}

const IDLE: RoomState = Object.freeze({ status: 'idle', since: null, missed: 0, sessionId: null, desk: null }) as RoomState;

export interface RoomStatesUpdate {
  states: ReadonlyMap<string, RoomState>;
  /** Rooms whose state changed, in no particular order. */
  changed: string[];
}

/**
 * Room states after a change. Only the `touched` rooms (those whose calls or missed calls changed,
 * see touchedRooms) are derived again, or every room ('all') after the rooms changed, so a call
 * update costs the rooms it touches, not the whole directory. A room whose state is the same keeps
 * its object, and when no room changed `previous` itself comes back: tiles and everything derived
 * from the map stay put. `previous` must hold every room (a map from an 'all' update).
 */
export function updateRoomStates(
  rooms: readonly Room[],
  calls: CallLists,
  previous: ReadonlyMap<string, RoomState>,
  touched: 'all' | Iterable<string>,
): RoomStatesUpdate {
  // Calls other desks of the property have count for the room like this desk's own.
  const callsByRoom = groupByRoom(calls.elsewhere.length ? [...calls.calls, ...calls.elsewhere] : calls.calls);
  const missedByRoom = groupByRoom(calls.missed);
  const derive = (roomId: string): RoomState => {
    const roomCalls = callsByRoom.get(roomId);
    const roomMissed = missedByRoom.get(roomId);
    // Shared constants for untouched rooms keep memoized tiles from re-rendering.
    const fresh = !roomCalls && !roomMissed ? IDLE : deriveRoomState(roomCalls ?? [], roomMissed ?? []);
    const before = previous.get(roomId);
    return before && sameState(before, fresh) ? before : fresh;
  };
  const changed: string[] = [];
  if (touched === 'all') {
    const states = new Map<string, RoomState>();
    for (const room of rooms) {
      const state = derive(room.id);
      if (state !== previous.get(room.id)) changed.push(room.id);
      states.set(room.id, state);
    }
    const same = changed.length === 0 && states.size === previous.size;
    return { states: same ? previous : states, changed };
  }
  let states: Map<string, RoomState> | null = null;
  for (const roomId of touched) {
    if (!previous.has(roomId)) continue; // a call from a room no longer in the directory
    const state = derive(roomId);
    if (state === previous.get(roomId)) continue;
    states ??= new Map(previous);
    states.set(roomId, state);
    changed.push(roomId);
  }
  return { states: states ?? previous, changed };
}

/** Status of every room (see updateRoomStates). */
export function deriveRoomStates(
  rooms: readonly Room[],
  calls: CallLists,
  previous: ReadonlyMap<string, RoomState> = new Map(),
): ReadonlyMap<string, RoomState> {
  return updateRoomStates(rooms, calls, previous, 'all').states;
}

/**
 * Rooms whose calls or missed calls differ between two calls lists. Unchanged entries are the same
 * objects in both (the store keeps them), so this compares identities: O(calls), not O(rooms).
 */
export function touchedRooms(before: CallLists, after: CallLists): Set<string> {
  const rooms = new Set<string>();
  const note = <T extends { roomId: string | null }>(a: readonly T[], b: readonly T[]) => {
    if (a === b) return;
    const inB = new Set(b);
    const inA = new Set(a);
    for (const item of a) if (!inB.has(item) && item.roomId !== null) rooms.add(item.roomId);
    for (const item of b) if (!inA.has(item) && item.roomId !== null) rooms.add(item.roomId);
  };
  note(before.calls, after.calls);
  note(before.elsewhere, after.elsewhere);
  note(before.missed, after.missed);
  return rooms;
}

function sameState(a: RoomState, b: RoomState): boolean {
  return a.status === b.status && a.since === b.since && a.missed === b.missed && a.sessionId === b.sessionId && a.desk === b.desk;
}

function groupByRoom<T extends { roomId: string | null }>(items: readonly T[]): Map<string, T[]> {
  const byRoom = new Map<string, T[]>();
  for (const item of items) {
    if (item.roomId === null) continue;
    const list = byRoom.get(item.roomId);
    if (list) list.push(item);
    else byRoom.set(item.roomId, [item]);
  }
  return byRoom;
}

/** Words shown on a tile for each status (never colour alone): their message ids. */
export const STATUS_WORDS: Record<RoomStatus, MessageId> = {
  idle: 'status.idle',
  incoming: 'status.incoming',
  outgoing: 'status.outgoing',
  'in-call': 'status.inCall',
  held: 'status.held',
  missed: 'status.missed',
  dnd: 'status.dnd',
};
