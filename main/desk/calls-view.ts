// What the windows see of the calls: every live call, calls that ended a moment ago, and the
// missed calls. Windows load a snapshot, then main pushes only what changed (CallsDelta), at once
// when quiet and at most once per interval during a burst.
import type { CallState } from '../calls/types.js';
import type { CallsDelta, CallsSnapshot, CallView } from '../domain/call.js';
import type { MissedCalls } from './missed-calls.js';
import { toCallView, type RoomLookup } from './views.js';

/** An ended call stays in view this long, so the desk sees how it ended; then it leaves. */
export const ENDED_VISIBLE_MS = 5_000;
/** At most one push per interval: a burst of events is one render, not one per event. */
const CALLS_EMIT_INTERVAL_MS = 50;

export interface CallsViewDeps {
  calls(): CallState[];
  missed(): MissedCalls;
  /** Property mode: live calls other desks have. */
  elsewhere(): CallView[];
  roomFor: RoomLookup;
  /** Someone is listening (no work while no window is attached). */
  listening(): boolean;
  emit(delta: CallsDelta): void;
}

export class CallsView {
  private scheduled = false;
  private lastEmitAt = 0;
  private seq = 0;
  /** What the windows were last told: each call's view, and the missed calls. */
  private sent = new Map<string, CallView>();
  /** Each missed call as last pushed (its room's name can change with the directory). */
  private sentMissed = new Map<string, string>();
  private sentElsewhere = '[]';
  /** The view of each call's current state (states are replaced on every change, never edited). */
  private views = new Map<string, { state: CallState; view: CallView }>();

  constructor(private readonly deps: CallsViewDeps) {}

  /** The calls now, with the seq of the last delta pushed (later deltas may repeat what it holds). */
  snapshot(): CallsSnapshot {
    const calls = this.shown();
    return { seq: this.seq, calls, elsewhere: this.elsewhere(calls), missed: this.deps.missed().list() };
  }

  /** Something changed: push what did, soon. */
  changed = (): void => {
    if (this.scheduled || !this.deps.listening()) return;
    this.scheduled = true;
    const wait = Math.max(0, this.lastEmitAt + CALLS_EMIT_INTERVAL_MS - Date.now());
    setTimeout(() => {
      this.scheduled = false;
      this.lastEmitAt = Date.now();
      const delta = this.delta();
      if (delta) this.deps.emit(delta);
    }, wait);
  };

  /** A call ended: it leaves the view once it has been shown long enough. */
  ended(): void {
    setTimeout(this.changed, ENDED_VISIBLE_MS + 100).unref();
  }

  /** The rooms changed: every call's room (and title) is looked up again. */
  roomsChanged(): void {
    this.views.clear();
    this.changed();
  }

  /** What changed since the last push, or null when nothing did. */
  private delta(): CallsDelta | null {
    const shown = this.shown();
    const calls = shown.filter((view) => this.sent.get(view.sessionId) !== view);
    const ids = new Set(shown.map((v) => v.sessionId));
    const removed = [...this.sent.keys()].filter((id) => !ids.has(id));
    const missedNow = this.deps.missed().list();
    const missedIds = new Set(missedNow.map((m) => m.sessionId));
    const missedText = new Map(missedNow.map((m) => [m.sessionId, JSON.stringify(m)]));
    const missed = missedNow.filter((m) => this.sentMissed.get(m.sessionId) !== missedText.get(m.sessionId));
    const missedRemoved = [...this.sentMissed.keys()].filter((id) => !missedIds.has(id));
    const elsewhere = this.elsewhere(shown);
    const elsewhereText = JSON.stringify(elsewhere);
    const elsewhereChanged = elsewhereText !== this.sentElsewhere;
    if (!calls.length && !removed.length && !missed.length && !missedRemoved.length && !elsewhereChanged) return null;
    this.sent = new Map(shown.map((v) => [v.sessionId, v]));
    this.sentMissed = missedText;
    this.sentElsewhere = elsewhereText;
    return { seq: ++this.seq, calls, removed, missed, missedRemoved, ...(elsewhereChanged && { elsewhere }) };
  }

  /** Calls other desks have, except those this desk shows itself. */
  private elsewhere(shown: CallView[]): CallView[] {
    const here = new Set(shown.filter((c) => c.phase !== 'ended').map((c) => c.sessionId));
    return this.deps.elsewhere().filter((c) => !here.has(c.sessionId));
  }

  /** Live calls and those that ended a moment ago, each view made once per call state. */
  private shown(): CallView[] {
    const shownSince = Date.now() - ENDED_VISIBLE_MS;
    const views = new Map<string, { state: CallState; view: CallView }>();
    const shown: CallView[] = [];
    for (const state of this.deps.calls()) {
      if (state.phase === 'ended' && (state.endedAt ?? 0) < shownSince) continue;
      const cached = this.views.get(state.sessionId);
      const entry = cached?.state === state ? cached : { state, view: sameView(cached?.view, toCallView(state, this.deps.roomFor)) };
      views.set(state.sessionId, entry);
      shown.push(entry.view);
    }
    this.views = views;
    return shown;
  }
}

/** `fresh`, or `before` when it shows the same (a state change the window does not see). */
function sameView(before: CallView | undefined, fresh: CallView): CallView {
  return before && JSON.stringify(before) === JSON.stringify(fresh) ? before : fresh;
}
