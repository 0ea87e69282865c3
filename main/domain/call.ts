// What the desk shows and keeps of a call: the live view, a missed call, a history line. Shared by
// the main-process views and stores, the shell's tray and alerts, and the renderer.
import type { Address, Direction, EndReason, Phase } from '../calls/types.js';

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
  remoteHeld: boolean;
  /** A CallUpdate exchange is in progress. */
  negotiating: boolean;
  /** Answered by the desk, but Alexa has not taken the answer yet: the room cannot hear the desk. */
  connecting: boolean;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  endReason: EndReason | null;
  error: string | null;
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
