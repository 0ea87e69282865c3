// Incoming calls nobody took, newest first, until staff call back or clear them. They are kept by
// the caller's address and named from the room directory when shown, so a room renamed in the
// directory shows its new name (and, in property mode, each desk names them from its own directory).
import type { Address, EndReason, MissedCall } from '../domain/call.js';
import { UNKNOWN_ROOM, type RoomLookup } from './views.js';

export const MAX_MISSED = 200;

export interface MissedEntry {
  sessionId: string;
  remote: Address;
  at: number;
  reason: EndReason;
}

export interface MissedCalls {
  list(): MissedCall[];
  add(entry: MissedEntry): void;
  /** Clears one room's missed calls, or all of them. */
  clear(roomId?: string | null): void;
}

export function missedView(entry: MissedEntry, roomFor: RoomLookup): MissedCall {
  const room = roomFor(entry.remote.value);
  return { sessionId: entry.sessionId, roomId: room?.id ?? null, title: room?.name ?? UNKNOWN_ROOM, remote: { ...entry.remote }, at: entry.at, reason: entry.reason };
}

/** Newest first, at most MAX_MISSED, named from the directory. */
export function missedList(entries: Iterable<MissedEntry>, roomFor: RoomLookup): MissedCall[] {
  return [...entries]
    .sort((a, b) => b.at - a.at)
    .slice(0, MAX_MISSED)
    .map((e) => missedView(e, roomFor));
}

/** This desk's own list, in memory (single-desk mode). */
export class LocalMissedCalls implements MissedCalls {
  private entries: MissedEntry[] = [];

  constructor(
    private readonly roomFor: RoomLookup,
    private readonly changed: () => void,
  ) {}

  list(): MissedCall[] {
    return missedList(this.entries, this.roomFor);
  }

  add(entry: MissedEntry): void {
    this.entries = [entry, ...this.entries].slice(0, MAX_MISSED);
    this.changed();
  }

  clear(roomId?: string | null): void {
    const kept = roomId ? this.entries.filter((e) => missedView(e, this.roomFor).roomId !== roomId) : [];
    if (kept.length === this.entries.length) return;
    this.entries = kept;
    this.changed();
  }
}
