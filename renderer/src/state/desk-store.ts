// The renderer's one store: main's state (the snapshot, patched by pushed events, re-fetched on
// every (re)connect) and what this window derives from it (each room's tile state). Main stays the
// one source of truth; the only state owned here is local notices (media problems seen here).
//
// Main pushes the status, rooms and notices whole, and for the calls only what changed (a
// CallsDelta after the snapshot's `seq`; a gap in the sequence loads the snapshot again).
// Pushes are applied once per animation frame (./frame-batch.ts), however many arrive. Components
// subscribe to their own slice: a room tile to its room, a call card to its call, the rest to the
// part of the state they show. A change notifies only the subscribers whose slice changed.
import { applyCallsDelta, NO_CALLS } from '../../../main/domain/calls-delta.js';
import { applyRoomChange, type RoomChange } from '../../../main/domain/room.js';
import { sameText } from '../../../main/domain/text.js';
import type { CallsDelta, CallsSnapshot, CallView, EditableSettings, Notice, Snapshot } from '../../../main/ipc/contract.js';
import type { Connection, DeskClient } from '../desk-client.js';
import { frameBatch, type FrameBatch, type FrameHost } from './frame-batch.js';
import { keepUnchanged, sameData } from './keep-unchanged.js';
import { NOTICE_TEXTS } from './notice-texts.js';
import { touchedRooms, updateRoomStates, type RoomState } from './room-status.js';

export interface DeskState {
  snapshot: Snapshot | null;
  connection: Connection;
  /** Notices raised in this window (id prefix "local:"), newest last. */
  localNotices: LocalNotice[];
  /** The snapshot could not be loaded, in plain words. */
  loadError: string | null;
  /** Chosen audio/video devices (from settings); null until loaded or when unavailable. */
  devices: Devices | null;
}

export type Devices = EditableSettings['devices'];

/** A notice of this window; `key` says what it is about (e.g. "hold:<session>"): a newer one replaces it, resolveLocal() removes it. */
export type LocalNotice = Notice & { key?: string };

export type LocalNoticeInput = Pick<LocalNotice, 'level' | 'message'> & Partial<Pick<LocalNotice, 'detail' | 'action' | 'sessionId' | 'key'>>;

type SnapshotPart = Partial<Pick<Snapshot, 'status' | 'rooms' | 'calls' | 'notices'>>;
/** Pushes waiting for the next frame: the latest status, rooms and notices, every calls delta. */
type Pending = Partial<Pick<Snapshot, 'status' | 'rooms' | 'notices'>> & { deltas: CallsDelta[] };

const RETRY_LOAD_MS = 3000;
/** How many of the rooms whose state changed last are remembered (the grid keeps their tiles). */
export const RECENT_ROOMS = 24;

export const IDLE_ROOM: RoomState = Object.freeze({ status: 'idle', since: null, missed: 0, sessionId: null }) as RoomState;

export interface DeskStoreOptions {
  /** Where frames come from; null applies every push at once (tests). Default: the page's. */
  frames?: FrameHost | null;
  /** A (re)connect loaded the console's state; called before this window claims the media. */
  loaded?(snapshot: Snapshot): void;
}

export class DeskStore {
  private state: DeskState;
  private readonly loaded: (snapshot: Snapshot) => void;
  private rooms: ReadonlyMap<string, RoomState> = new Map();
  private calls: ReadonlyMap<string, CallView> = new Map();
  private recent: readonly string[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly roomListeners = new Keyed();
  private readonly callListeners = new Keyed();
  private pending: Pending = { deltas: [] };
  /** The last calls delta taken in (or the loaded snapshot's). */
  private seq = 0;
  private readonly batch: FrameBatch;
  private nextLocalId = 1;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly client: DeskClient,
    options: DeskStoreOptions = {},
  ) {
    this.state = { snapshot: null, connection: client.connection(), localNotices: [], loadError: null, devices: null };
    this.batch = frameBatch(() => this.applyPending(), options.frames);
    this.loaded = options.loaded ?? (() => {});
  }

  // ---- reading and subscribing ----------------------------------------------------------------

  getState = (): DeskState => this.state;

  /** Any change (for slices of the state: select and compare, see ./use-desk.ts). */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** A room's tile state; idle for a room the store does not know. */
  roomState(roomId: string): RoomState {
    return this.rooms.get(roomId) ?? IDLE_ROOM;
  }

  /** Every room's state; a new map whenever any room's state changed. */
  roomStates = (): ReadonlyMap<string, RoomState> => this.rooms;

  subscribeRoom(roomId: string, listener: () => void): () => void {
    return this.roomListeners.add(roomId, listener);
  }

  call(sessionId: string): CallView | undefined {
    return this.calls.get(sessionId);
  }

  subscribeCall(sessionId: string, listener: () => void): () => void {
    return this.callListeners.add(sessionId, listener);
  }

  /** The rooms whose state changed last, newest first (at most RECENT_ROOMS). */
  recentRooms = (): readonly string[] => this.recent;

  // ---- following main -------------------------------------------------------------------------

  /** Follow main: events patch the snapshot; each (re)connect loads it again and claims media. */
  start(): () => void {
    const offs = [
      this.client.on('status', (status) => this.queue({ status })),
      this.client.on('rooms', (rooms) => this.queue({ rooms })),
      this.client.on('room', (change) => this.queueRoomChange(change)),
      this.client.on('calls', (delta) => this.queueDelta(delta)),
      this.client.on('notices', (notices) => this.queue({ notices })),
      this.client.onConnection((connection) => {
        this.set({ connection });
        if (connection.state === 'open') void this.load();
      }),
    ];
    if (this.client.connection().state === 'open') void this.load();
    return () => {
      for (const off of offs) off();
      this.batch.stop();
      if (this.retryTimer) clearTimeout(this.retryTimer);
    };
  }

  async load(): Promise<void> {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const result = await this.client.invoke('getSnapshot', {});
    if (!result.ok) {
      this.set({ loadError: `Could not load the console's state: ${result.error}` });
      if (this.client.connection().state === 'open') this.retryTimer = setTimeout(() => void this.load(), RETRY_LOAD_MS);
      return;
    }
    // Pushes that came before the reply are already part of it.
    this.pending = { deltas: [] };
    this.seq = result.value.calls.seq;
    this.apply(result.value);
    if (this.state.loadError) this.set({ loadError: null });
    this.loaded(result.value);
    const claim = await this.client.invoke('claimMedia', {});
    if (!claim.ok) this.addLocalNotice({ level: 'error', message: NOTICE_TEXTS.mediaNotClaimed, detail: claim.error });
    const settings = await this.client.invoke('getSettings', {});
    if (settings.ok) this.set({ devices: settings.value.devices });
  }

  /** Applies pushes that are waiting for the next frame now. */
  flush(): void {
    this.batch.flush();
  }

  // ---- this window's own state ----------------------------------------------------------------

  /** Saves the chosen devices in the console's settings; returns the error in plain words. */
  async saveDevices(devices: Devices): Promise<string | null> {
    const result = await this.client.invoke('updateSettings', { patch: { devices } });
    if (!result.ok) return result.error;
    this.set({ devices: result.value.devices });
    return null;
  }

  addLocalNotice(input: LocalNoticeInput): void {
    const duplicate = this.state.localNotices.some((n) => sameText(n.message, input.message) && n.sessionId === input.sessionId);
    if (duplicate) return;
    const notice: LocalNotice = { ...input, id: `local:${this.nextLocalId++}`, at: Date.now() };
    const others = input.key ? this.state.localNotices.filter((n) => n.key !== input.key) : this.state.localNotices;
    this.set({ localNotices: [...others, notice] });
  }

  /** What the notices with this key were about worked this time: they go. */
  resolveLocal(key: string): void {
    const kept = this.state.localNotices.filter((n) => n.key !== key);
    if (kept.length !== this.state.localNotices.length) this.set({ localNotices: kept });
  }

  dismissLocal(id: string): void {
    this.set({ localNotices: this.state.localNotices.filter((n) => n.id !== id) });
  }

  // ---- applying changes -----------------------------------------------------------------------

  private queue(part: Omit<Pending, 'deltas'>): void {
    // Events older than the first snapshot are already part of it. Each of these events carries
    // the whole of its part, so a later push replaces one still waiting.
    if (!this.state.snapshot) return;
    this.pending = { ...this.pending, ...part };
    this.batch.request();
  }

  /** One room edited: applied to the rooms still waiting, or to the snapshot's. */
  private queueRoomChange(change: RoomChange): void {
    const snapshot = this.state.snapshot;
    if (!snapshot) return;
    this.queue({ rooms: applyRoomChange(this.pending.rooms ?? snapshot.rooms, change) });
  }

  private queueDelta(delta: CallsDelta): void {
    const snapshot = this.state.snapshot;
    if (!snapshot) return;
    const last = this.pending.deltas.at(-1)?.seq ?? this.seq;
    if (delta.seq <= last) return; // already in the snapshot
    if (delta.seq > last + 1) {
      void this.load(); // a push went missing: start again from a snapshot
      return;
    }
    this.pending.deltas.push(delta);
    this.batch.request();
  }

  private applyPending(): void {
    const { deltas, ...part } = this.pending;
    this.pending = { deltas: [] };
    const before = this.state.snapshot;
    if (!before) return;
    if (deltas.length) this.seq = deltas.at(-1)!.seq;
    this.apply(deltas.length ? { ...part, calls: deltas.reduce(applyCallsDelta, before.calls) } : part);
  }

  /**
   * Takes in a part of main's state (or all of it, on load): unchanged calls, missed calls,
   * notices and status keep their objects; only the rooms the change touches are derived again;
   * only subscribers of what changed hear of it.
   */
  private apply(part: SnapshotPart): void {
    const before = this.state.snapshot;
    const status = part.status && before && sameData(before.status, part.status) ? before.status : (part.status ?? before?.status);
    if (!status) return; // a partial push with no snapshot to patch
    const rooms = part.rooms ?? before?.rooms ?? [];
    const calls = part.calls ? sharedCalls(before?.calls ?? NO_CALLS, part.calls) : (before?.calls ?? NO_CALLS);
    const notices = part.notices ? keepUnchanged(before?.notices ?? [], part.notices, (n) => n.id) : (before?.notices ?? []);
    if (before && status === before.status && rooms === before.rooms && calls === before.calls && notices === before.notices) return;

    const everyRoom = !before || rooms !== before.rooms;
    const update = updateRoomStates(rooms, calls, this.rooms, everyRoom ? 'all' : touchedRooms(before.calls, calls));
    this.rooms = update.states;
    if (!everyRoom && update.changed.length) this.recent = newestFirst(update.changed, this.recent);
    const changedCalls = before?.calls === calls ? [] : this.indexCalls(calls.calls);

    const localNotices = calls !== before?.calls ? this.withoutStaleWarnings(calls.calls) : this.state.localNotices;
    this.state = { ...this.state, snapshot: { status, rooms, calls, notices }, localNotices };
    this.roomListeners.notify(update.changed);
    this.callListeners.notify(changedCalls);
    this.notify();
  }

  /** Re-indexes the calls by session; returns the sessions whose call changed, came or went. */
  private indexCalls(list: readonly CallView[]): string[] {
    const before = this.calls;
    const after = new Map(list.map((c) => [c.sessionId, c]));
    const changed = list.filter((c) => before.get(c.sessionId) !== c).map((c) => c.sessionId);
    for (const sessionId of before.keys()) if (!after.has(sessionId)) changed.push(sessionId);
    this.calls = after;
    return changed;
  }

  /**
   * A call's warnings (e.g. "no camera") and failed actions (e.g. "could not be put on hold") go
   * when the call is gone; its errors (e.g. "no microphone") stay until dismissed.
   */
  private withoutStaleWarnings(calls: readonly CallView[]): LocalNotice[] {
    const live = new Set(calls.map((c) => c.sessionId));
    const stale = (n: LocalNotice) => n.sessionId !== undefined && !live.has(n.sessionId) && (n.level === 'warning' || n.key !== undefined);
    const kept = this.state.localNotices.filter((n) => !stale(n));
    return kept.length === this.state.localNotices.length ? this.state.localNotices : kept;
  }

  private set(part: Partial<DeskState>): void {
    this.state = { ...this.state, ...part };
    this.notify();
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

/** The new calls, keeping the previous objects of calls and missed calls that did not change. */
function sharedCalls(previous: CallsSnapshot, next: CallsSnapshot): CallsSnapshot {
  const calls = keepUnchanged(previous.calls, next.calls, (c) => c.sessionId);
  const elsewhere = keepUnchanged(previous.elsewhere, next.elsewhere, (c) => c.sessionId);
  const missed = keepUnchanged(previous.missed, next.missed, (m) => m.sessionId);
  return calls === previous.calls && elsewhere === previous.elsewhere && missed === previous.missed ? previous : { seq: next.seq, calls, elsewhere, missed };
}

function newestFirst(changed: readonly string[], recent: readonly string[]): readonly string[] {
  const fresh = new Set(changed);
  return [...changed, ...recent.filter((id) => !fresh.has(id))].slice(0, RECENT_ROOMS);
}

/** Listeners by key (a room id, a session id). */
class Keyed {
  private readonly byKey = new Map<string, Set<() => void>>();

  add(key: string, listener: () => void): () => void {
    let set = this.byKey.get(key);
    if (!set) this.byKey.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (!set.size && this.byKey.get(key) === set) this.byKey.delete(key);
    };
  }

  notify(keys: readonly string[]): void {
    for (const key of keys) {
      const set = this.byKey.get(key);
      if (set) for (const listener of [...set]) listener();
    }
  }
}
