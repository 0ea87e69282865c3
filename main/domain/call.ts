// What the desk shows and keeps of a call: the live view, a missed call, a history line. Shared by
// the main-process views and stores, the shell's tray and alerts, and the renderer.
import type { Address, Direction, EndReason, Phase } from '../calls/types.js';
import type { Text } from './text.js';

export type { Address, Direction, EndReason, Phase };

/** Tile status in the grid (DESIGN §3.4). */
export type RoomStatus = 'idle' | 'incoming' | 'outgoing' | 'in-call' | 'held' | 'missed' | 'dnd';

export interface CallView {
  sessionId: string;
  direction: Direction;
  phase: Phase;
  /** Room of the directory this call belongs to; null for an unknown caller. */
  roomId: string | null;
  /** The room's name; "Unknown room" for a caller the directory does not know (its address is in `remote`). */
  title: string;
  remote: Address;
  video: boolean;
  held: boolean;
  /** Since when the desk holds it; null while not held. */
  heldAt: number | null;
  remoteHeld: boolean;
  /** A CallUpdate exchange is in progress. */
  negotiating: boolean;
  /** Answered by the desk, but Alexa has not taken the answer yet: the room cannot hear the desk. */
  connecting: boolean;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  endReason: EndReason | null;
  /** Why the call failed, in words for staff. */
  error: Text | null;
  /** Property mode: the desk that has the call when it is another desk (e.g. "Front desk 2"); else null. */
  desk: string | null;
}

/** What the windows see of the calls at one moment. */
export interface CallsSnapshot {
  /** The last delta (CallsDelta.seq) this snapshot includes; deltas up to it are already in it. */
  seq: number;
  /** Every live call and calls that ended in the last moments, oldest first. */
  calls: CallView[];
  /**
   * Property mode: live calls of the property this desk does not have (another desk has them, or
   * they ring while this desk does not): they show on the room tiles, never in the call dock.
   */
  elsewhere: CallView[];
  /** Unacknowledged missed calls, newest first. */
  missed: MissedCall[];
}

/**
 * What changed in the calls since the push before: main pushes these, never whole lists. Applying
 * one (./calls-delta.ts) to a snapshot at or past `seq - 1` gives the calls as of `seq`; applying
 * one twice changes nothing.
 */
export interface CallsDelta {
  /** One more than the push before. */
  seq: number;
  /** Calls that came or changed, whole. */
  calls: CallView[];
  /** Calls that left the view (ended a while ago), by session id. */
  removed: string[];
  /** Missed calls that came (newest first) or changed (e.g. their room was renamed). */
  missed: MissedCall[];
  /** Missed calls that went (called back, cleared, or past the most kept), by session id. */
  missedRemoved: string[];
  /** Property mode: the calls other desks have, whole, when that list changed (it is short). */
  elsewhere?: CallView[];
}

export interface MissedCall {
  sessionId: string;
  roomId: string | null;
  /** As in CallView. */
  title: string;
  /** The caller, so an unknown one can be added to the directory. */
  remote: Address;
  at: number;
  reason: EndReason;
}

/** A page of the call history, newest first. */
export interface HistoryPage {
  entries: HistoryEntry[];
  /** Where to go on for older calls (the next request's `before`); null when there are none. */
  next: string | null;
}

export interface HistoryEntry {
  sessionId: string;
  direction: Direction;
  roomId: string | null;
  /** The room's name, or the caller's address when the directory did not know it (never shown as such). */
  title: string;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number;
  endReason: EndReason;
}
