// Incoming calls nobody took, newest first, until staff call back or clear them.
import type { MissedCall } from '../domain/call.js';

const MAX_MISSED = 200;

export interface MissedCalls {
  list(): MissedCall[];
  add(call: MissedCall): void;
  /** Clears one room's missed calls, or all of them. */
  clear(roomId?: string | null): void;
}

/** This desk's own list, in memory (single-desk mode). */
export class LocalMissedCalls implements MissedCalls {
  private missed: MissedCall[] = [];

  constructor(private readonly changed: () => void) {}

  list(): MissedCall[] {
    return this.missed;
  }

  add(call: MissedCall): void {
    this.missed = [call, ...this.missed].slice(0, MAX_MISSED);
    this.changed();
  }

  clear(roomId?: string | null): void {
    this.missed = roomId ? this.missed.filter((m) => m.roomId !== roomId) : [];
    this.changed();
  }
}
