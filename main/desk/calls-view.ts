// What the windows see of the calls: every live call, calls that ended a moment ago, and the
// missed calls, pushed at once when quiet and at most once per interval during a burst.
import type { CallState } from '../calls/types.js';
import type { CallsSnapshot } from '../ipc/contract.js';
import type { MissedCalls } from './missed-calls.js';
import { toCallView, type RoomLookup } from './views.js';

/** An ended call stays in the snapshot this long, so the desk sees how it ended; then it leaves. */
export const ENDED_VISIBLE_MS = 5_000;
/** At most one calls snapshot per interval: a burst of events is one render, not one per event. */
const CALLS_EMIT_INTERVAL_MS = 50;

export interface CallsViewDeps {
  calls(): CallState[];
  missed: MissedCalls;
  roomFor: RoomLookup;
  /** Someone is listening (no work while no window is attached). */
  listening(): boolean;
  emit(snapshot: CallsSnapshot): void;
}

export class CallsView {
  private scheduled = false;
  private lastEmitAt = 0;

  constructor(private readonly deps: CallsViewDeps) {}

  snapshot(): CallsSnapshot {
    const shownSince = Date.now() - ENDED_VISIBLE_MS;
    const calls = this.deps.calls().filter((c) => c.phase !== 'ended' || (c.endedAt ?? 0) >= shownSince);
    return { calls: calls.map((c) => toCallView(c, this.deps.roomFor)), missed: this.deps.missed.list() };
  }

  /** Something changed: push a snapshot soon. */
  changed = (): void => {
    if (this.scheduled || !this.deps.listening()) return;
    this.scheduled = true;
    const wait = Math.max(0, this.lastEmitAt + CALLS_EMIT_INTERVAL_MS - Date.now());
    setTimeout(() => {
      this.scheduled = false;
      this.lastEmitAt = Date.now();
      this.deps.emit(this.snapshot());
    }, wait);
  };

  /** A call ended: it leaves the snapshot once it has been shown long enough. */
  ended(): void {
    setTimeout(this.changed, ENDED_VISIBLE_MS + 100).unref();
  }
}
