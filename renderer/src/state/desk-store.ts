// The renderer's copy of main's state: the snapshot, patched by pushed events, re-fetched on every
// (re)connect. Main stays the one source of truth; the only state owned here is local notices
// (media problems seen in this window).
import type { CallsSnapshot, DeskEvents, EditableSettings, Notice, Snapshot } from '../../../main/ipc/contract.js';
import type { Connection, DeskClient } from '../desk-client.js';
import { keepUnchanged } from './keep-unchanged.js';

export interface DeskState {
  snapshot: Snapshot | null;
  connection: Connection;
  /** Notices raised in this window (id prefix "local:"), newest last. */
  localNotices: Notice[];
  /** The snapshot could not be loaded, in plain words. */
  loadError: string | null;
  /** Chosen audio/video devices (from settings); null until loaded or when unavailable. */
  devices: Devices | null;
}

export type Devices = EditableSettings['devices'];

export type LocalNoticeInput = Pick<Notice, 'level' | 'text'> & Partial<Pick<Notice, 'action' | 'sessionId'>>;

const RETRY_LOAD_MS = 3000;

export class DeskStore {
  private state: DeskState;
  private readonly listeners = new Set<() => void>();
  private nextLocalId = 1;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly client: DeskClient) {
    this.state = { snapshot: null, connection: client.connection(), localNotices: [], loadError: null, devices: null };
  }

  getState = (): DeskState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Follow main: events patch the snapshot; each (re)connect loads it again and claims media. */
  start(): () => void {
    const offs = [
      this.client.on('status', (status) => this.patch({ status })),
      this.client.on('rooms', (rooms) => this.patch({ rooms })),
      this.client.on('calls', (calls) => this.patch({ calls })),
      this.client.on('notices', (notices) => this.patch({ notices })),
      this.client.onConnection((connection) => {
        this.set({ connection });
        if (connection.state === 'open') void this.load();
      }),
    ];
    if (this.client.connection().state === 'open') void this.load();
    return () => {
      for (const off of offs) off();
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
    this.set({ snapshot: result.value, loadError: null });
    const claim = await this.client.invoke('claimMedia', {});
    if (!claim.ok) this.addLocalNotice({ level: 'error', text: `Calls cannot use this window's audio: ${claim.error}` });
    const settings = await this.client.invoke('getSettings', {});
    if (settings.ok) this.set({ devices: settings.value.devices });
  }

  /** Saves the chosen devices in the console's settings; returns the error in plain words. */
  async saveDevices(devices: Devices): Promise<string | null> {
    const result = await this.client.invoke('updateSettings', { patch: { devices } });
    if (!result.ok) return result.error;
    this.set({ devices: result.value.devices });
    return null;
  }

  addLocalNotice(input: LocalNoticeInput): void {
    const duplicate = this.state.localNotices.some((n) => n.text === input.text && n.sessionId === input.sessionId);
    if (duplicate) return;
    const notice: Notice = { ...input, id: `local:${this.nextLocalId++}`, at: Date.now() };
    this.set({ localNotices: [...this.state.localNotices, notice] });
  }

  dismissLocal(id: string): void {
    this.set({ localNotices: this.state.localNotices.filter((n) => n.id !== id) });
  }

  private patch(part: Partial<Pick<DeskEvents, 'status' | 'rooms' | 'calls' | 'notices'>>): void {
    // Events older than the first snapshot are already part of it.
    const snapshot = this.state.snapshot;
    if (!snapshot) return;
    if (part.calls) part = { ...part, calls: sharedCalls(snapshot.calls, part.calls) };
    if (part.calls === snapshot.calls) return; // a push that changes nothing re-renders nothing
    const localNotices = part.calls ? this.withoutStaleWarnings(part.calls.calls.map((c) => c.sessionId)) : this.state.localNotices;
    this.set({ snapshot: { ...snapshot, ...part }, localNotices });
  }

  /** A call's warnings (e.g. "no camera") go when the call is gone; errors stay until dismissed. */
  private withoutStaleWarnings(sessionIds: string[]): Notice[] {
    const live = new Set(sessionIds);
    const kept = this.state.localNotices.filter((n) => n.level !== 'warning' || !n.sessionId || live.has(n.sessionId));
    return kept.length === this.state.localNotices.length ? this.state.localNotices : kept;
  }

  private set(part: Partial<DeskState>): void {
    this.state = { ...this.state, ...part };
    for (const listener of [...this.listeners]) listener();
  }
}

/** The pushed calls, keeping the previous objects of calls and missed calls that did not change. */
function sharedCalls(previous: CallsSnapshot, next: CallsSnapshot): CallsSnapshot {
  const calls = keepUnchanged(previous.calls, next.calls, (c) => c.sessionId);
  const missed = keepUnchanged(previous.missed, next.missed, (m) => m.sessionId);
  return calls === previous.calls && missed === previous.missed ? previous : { calls, missed };
}
