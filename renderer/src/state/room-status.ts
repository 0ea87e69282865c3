// Tile status of each room, derived from main's snapshot (DESIGN §3.4). Pure: same input, same tiles.
import type { CallView, CallsSnapshot, MissedCall, Room, RoomStatus } from '../../../main/ipc/contract.js';

export interface RoomState {
  status: RoomStatus;
  /** When the room entered this status (ms since epoch), when known. */
  since: number | null;
  /** Unacknowledged missed calls from this room. */
  missed: number;
  /** The call that decides the status, if any. */
  sessionId: string | null;
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

function callSince(call: CallView, status: CallStatus): number {
  return status === 'incoming' || status === 'outgoing' ? call.startedAt : (call.answeredAt ?? call.startedAt);
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
  if (best) return { status: best.status, since: callSince(best.call, best.status), missed, sessionId: best.call.sessionId };
  if (missed > 0) {
    const latest = Math.max(...roomMissed.map((m) => m.at));
    return { status: 'missed', since: latest, missed, sessionId: null };
  }
  return { status: 'idle', since: null, missed: 0, sessionId: null };
}

const IDLE: RoomState = Object.freeze({ status: 'idle', since: null, missed: 0, sessionId: null }) as RoomState;

/**
 * Status of every room; calls and missed calls are indexed once so 2,500 rooms stay cheap. A room
 * whose status did not change keeps its state object from `previous`, and when no room changed
 * `previous` itself comes back, so memoized tiles and everything derived from the map stay put.
 */
export function deriveRoomStates(
  rooms: readonly Room[],
  calls: CallsSnapshot,
  previous: ReadonlyMap<string, RoomState> = new Map(),
): ReadonlyMap<string, RoomState> {
  const callsByRoom = groupByRoom(calls.calls);
  const missedByRoom = groupByRoom(calls.missed);
  const states = new Map<string, RoomState>();
  let changed = rooms.length !== previous.size;
  for (const room of rooms) {
    const roomCalls = callsByRoom.get(room.id);
    const roomMissed = missedByRoom.get(room.id);
    // Shared constants for untouched rooms keep memoized tiles from re-rendering.
    const fresh = !roomCalls && !roomMissed ? IDLE : deriveRoomState(roomCalls ?? [], roomMissed ?? []);
    const before = previous.get(room.id);
    const state = before && sameState(before, fresh) ? before : fresh;
    if (state !== before) changed = true;
    states.set(room.id, state);
  }
  return changed ? states : previous;
}

function sameState(a: RoomState, b: RoomState): boolean {
  return a.status === b.status && a.since === b.since && a.missed === b.missed && a.sessionId === b.sessionId;
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

/** Words shown on a tile for each status (never colour alone). */
export const STATUS_WORDS: Record<RoomStatus, string> = {
  idle: 'Idle',
  incoming: 'Calling',
  outgoing: 'Ringing…',
  'in-call': 'In call',
  held: 'On hold',
  missed: 'Missed',
  dnd: 'Do not disturb',
};
