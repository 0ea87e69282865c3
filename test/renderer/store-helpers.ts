// A DeskStore loaded with a snapshot, for component and store tests: pushes go in as main sends them
// (fresh objects each time) and frames come when the test says (or at once, with `frames: null`).
import type { CallView, DeskEvents, EventName, MissedCall, Snapshot } from '../../main/ipc/contract.js';
import type { DeskClient } from '../../renderer/src/desk-client.js';
import { DeskStore } from '../../renderer/src/state/desk-store.js';
import type { FrameHost } from '../../renderer/src/state/frame-batch.js';
import { fakeDesk, settings } from './form-helpers.js';
import { deskStatus } from '../support/fixtures.js';

/** Animation frames, timers and visibility under the test's control. */
export class ManualFrames implements FrameHost {
  private next = 1;
  private readonly frames = new Map<number, () => void>();
  private readonly timers = new Map<number, () => void>();
  private readonly visibility = new Set<() => void>();
  isHidden = false;

  requestAnimationFrame(run: () => void): number {
    this.frames.set(this.next, run);
    return this.next++;
  }
  cancelAnimationFrame(id: number): void {
    this.frames.delete(id);
  }
  setTimeout(run: () => void): ReturnType<typeof setTimeout> {
    this.timers.set(this.next, run);
    return this.next++ as unknown as ReturnType<typeof setTimeout>;
  }
  clearTimeout(id: ReturnType<typeof setTimeout>): void {
    this.timers.delete(id as unknown as number);
  }
  hidden(): boolean {
    return this.isHidden;
  }
  onVisibilityChange(listener: () => void): () => void {
    this.visibility.add(listener);
    return () => this.visibility.delete(listener);
  }

  /** Frames asked for and not yet run. */
  get waiting(): number {
    return this.frames.size;
  }
  /** The next animation frame comes. */
  frame(): void {
    const due = [...this.frames.values()];
    this.frames.clear();
    for (const run of due) run();
  }
  /** The fallback timers fire (no frame came). */
  timeout(): void {
    const due = [...this.timers.values()];
    this.timers.clear();
    for (const run of due) run();
  }
  setHidden(hidden: boolean): void {
    this.isHidden = hidden;
    for (const listener of [...this.visibility]) listener();
  }
}

/** A snapshot with nothing in it but what is given (calls as of no delta yet). */
export const emptySnapshot = ({ calls, ...over }: Partial<Omit<Snapshot, 'calls'>> & { calls?: Omit<Snapshot['calls'], 'seq' | 'elsewhere'> & { elsewhere?: Snapshot['calls']['elsewhere'] } } = {}): Snapshot => ({
  status: deskStatus(),
  rooms: [],
  calls: { seq: 0, calls: [], elsewhere: [], missed: [], ...calls },
  notices: [],
  ...over,
});

export interface TestStore {
  store: DeskStore;
  /** Main pushes an event (a deep copy, as it would arrive over the bridge). */
  push<E extends EventName>(event: E, payload: DeskEvents[E]): void;
  /**
   * Main's calls are now these: the store is pushed a delta that names every call (fresh objects,
   * changed or not), the calls and missed calls that went, and the missed calls.
   */
  setCalls(next: { calls: CallView[]; missed: MissedCall[] }): void;
  /** How many times the store loaded the snapshot. */
  loads(): number;
}

/** A started store with `snapshot` loaded. */
export async function loadedStore(snapshot: Snapshot, frames: FrameHost | null = null): Promise<TestStore> {
  const listeners = new Map<string, (payload: unknown) => void>();
  const fake = fakeDesk({ getSnapshot: () => ({ ok: true, value: structuredClone(snapshot) }), getSettings: () => ({ ok: true, value: settings() }) });
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
  const store = new DeskStore(client, { frames });
  store.start();
  await store.load();
  const push: TestStore['push'] = (event, payload) => listeners.get(event)!(structuredClone(payload));
  let told = snapshot.calls;
  const setCalls: TestStore['setCalls'] = (next) => {
    const gone = (before: { sessionId: string }[], after: { sessionId: string }[]) =>
      before.map((x) => x.sessionId).filter((id) => !after.some((y) => y.sessionId === id));
    push('calls', { seq: told.seq + 1, calls: next.calls, removed: gone(told.calls, next.calls), missed: next.missed, missedRemoved: gone(told.missed, next.missed) });
    told = { seq: told.seq + 1, elsewhere: [], ...next };
  };
  return { store, push, setCalls, loads: () => fake.sent('getSnapshot').length };
}
