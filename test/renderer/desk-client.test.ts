// @vitest-environment jsdom
import { text } from '../../main/domain/text.js';
import { inEnglish } from '../../main/i18n/format.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeskApi, Snapshot } from '../../main/ipc/contract.js';
import {
  bridgeUrl,
  connectDesk,
  createBridgeClient,
  LOST,
  NO_TOKEN,
  STOPPED,
  type SocketLike,
} from '../../renderer/src/desk-client.js';
import { DeskStore } from '../../renderer/src/state/desk-store.js';

/** A WebSocket stand-in the test drives: open, receive, drop. */
class FakeSocket implements SocketLike {
  readyState = 0;
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: { code?: number }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  readonly sent: { id: number; command: string; args: unknown }[] = [];
  constructor(readonly url: string) {}
  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }
  close(): void {
    this.drop();
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(message: unknown): void {
    this.onmessage?.({ data: typeof message === 'string' ? message : JSON.stringify(message) });
  }
  drop(code = 1006): void {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

let sockets: FakeSocket[];
const URL = 'ws://127.0.0.1:5000/bridge?token=t';
function client(options: { requestTimeoutMs?: number } = {}) {
  return createBridgeClient({
    url: URL,
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    backoff: { initialMs: 100, maxMs: 400 },
    ...options,
  });
}
const last = () => sockets[sockets.length - 1];

beforeEach(() => {
  sockets = [];
  vi.useFakeTimers();
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('bridgeUrl', () => {
  it('builds ws(s)://<host>/bridge?token=<token> from the page URL', () => {
    expect(bridgeUrl({ protocol: 'http:', host: '127.0.0.1:4000', search: '?token=abc' })).toBe('ws://127.0.0.1:4000/bridge?token=abc');
    expect(bridgeUrl({ protocol: 'https:', host: 'desk.local', search: '?x=1&token=a%2Bb' })).toBe('wss://desk.local/bridge?token=a%2Bb');
  });
  it('is null without a token', () => {
    expect(bridgeUrl({ protocol: 'http:', host: 'h', search: '' })).toBeNull();
  });
});

describe('bridge client', () => {
  it('sends {id, command, args} and resolves each reply by its id, in any order', async () => {
    const desk = client();
    last().open();
    const a = desk.invoke('hangup', { sessionId: 'a' });
    const b = desk.invoke('getHistory', { limit: 5 });
    const [first, second] = last().sent;
    expect(first).toEqual({ id: first.id, command: 'hangup', args: { sessionId: 'a' } });
    expect(second.command).toBe('getHistory');
    last().receive({ id: second.id, result: { ok: true, value: [] } });
    last().receive({ id: first.id, result: { ok: false, error: 'sessionId: unknown' } });
    await expect(a).resolves.toEqual({ ok: false, error: 'sessionId: unknown' });
    await expect(b).resolves.toEqual({ ok: true, value: [] });
  });

  it('delivers pushed events to the listeners of that event until they unsubscribe', () => {
    const desk = client();
    last().open();
    const dnd: unknown[] = [];
    const notices: unknown[] = [];
    const off = desk.on('status', (s) => dnd.push(s.dnd));
    desk.on('notices', (n) => notices.push(n));
    last().receive({ event: 'status', payload: { dnd: true } });
    off();
    last().receive({ event: 'status', payload: { dnd: false } });
    expect(dnd).toEqual([true]);
    expect(notices).toEqual([]);
  });

  it('ignores malformed messages and keeps working', async () => {
    const desk = client();
    last().open();
    const seen: unknown[] = [];
    desk.on('rooms', (r) => seen.push(r));
    last().receive('not json');
    last().receive([1, 2]);
    last().receive({ hello: 'there' });
    last().receive({ event: 'rooms' }); // no payload
    const pending = desk.invoke('clearMissed', {});
    last().receive({ id: last().sent[0].id, result: 'yes' }); // not a Result
    await expect(pending).resolves.toEqual({ ok: false, error: 'The console sent a malformed reply' });
    last().receive({ event: 'rooms', payload: [] });
    expect(seen).toEqual([[]]);
    expect(console.warn).toHaveBeenCalled();
  });

  it('fails a command at once while disconnected, sending nothing', async () => {
    const desk = client();
    await expect(desk.invoke('setDnd', { on: true })).resolves.toMatchObject({ ok: false });
    expect(last().sent).toEqual([]);
  });

  it('fails a command that gets no reply in time', async () => {
    const desk = client({ requestTimeoutMs: 1000 });
    last().open();
    const pending = desk.invoke('hold', { sessionId: 's' });
    vi.advanceTimersByTime(1000);
    await expect(pending).resolves.toEqual({ ok: false, error: 'The console did not answer in time' });
  });

  it('on a drop: fails pending commands, reports "lost", reconnects with doubling backoff, resets after success', async () => {
    const desk = client();
    const states: string[] = [];
    desk.onConnection((c) => states.push(c.state));
    last().open();
    const pending = desk.invoke('hangup', { sessionId: 's' });
    last().drop();
    await expect(pending).resolves.toEqual({ ok: false, error: 'Connection to the console lost' });
    expect(desk.connection()).toEqual({ state: 'lost', problem: null });

    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(99);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2); // after 100 ms
    expect(last().url).toBe(URL);
    last().drop();
    vi.advanceTimersByTime(199);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3); // after 200 ms more
    last().drop();
    vi.advanceTimersByTime(400);
    last().drop();
    vi.advanceTimersByTime(400); // capped at 400 ms
    expect(sockets).toHaveLength(5);
    last().open();
    expect(desk.connection().state).toBe('open');
    last().drop();
    vi.advanceTimersByTime(100); // back to the first delay
    expect(sockets).toHaveLength(6);
    expect(states).toEqual(['open', 'lost', 'lost', 'open', 'lost']); // the second 'lost': it now says the console stopped
  });

  it('without a token in the page URL, says how to fix it and does not connect', async () => {
    const desk = createBridgeClient({ url: null, createSocket: () => { throw new Error('must not connect'); } });
    expect(desk.connection()).toEqual({ state: 'lost', problem: NO_TOKEN });
    await expect(desk.invoke('getSnapshot', {})).resolves.toEqual({ ok: false, error: `Not connected to the console (${NO_TOKEN})` });
  });

  it('close() stops reconnecting', () => {
    const desk = client();
    last().open();
    desk.close();
    vi.advanceTimersByTime(10_000);
    expect(sockets).toHaveLength(1);
  });
});

describe('store over the bridge', () => {
  const snapshot = (contactId: string): Snapshot =>
    ({
      status: { contactId, dnd: false },
      rooms: [],
      calls: { seq: 0, calls: [], elsewhere: [], missed: [] },
      notices: [],
    }) as unknown as Snapshot;

  const devices = { microphone: 'mic-1', camera: null, speaker: null, ringer: 'loud' };
  const replies: Record<string, (contactId: string) => unknown> = {
    getSnapshot: (contactId) => ({ ok: true, value: snapshot(contactId) }),
    claimMedia: () => ({ ok: true }),
    getSettings: () => ({ ok: true, value: { devices } }),
  };

  /** Answers the start-up requests as main would. */
  async function serveRequests(socket: FakeSocket, contactId: string): Promise<string[]> {
    const handled: string[] = [];
    for (let i = 0; i < 3; i++) {
      await vi.advanceTimersByTimeAsync(0);
      const request = socket.sent[i];
      if (!request) break;
      handled.push(request.command);
      socket.receive({ id: request.id, result: replies[request.command](contactId) });
    }
    await vi.advanceTimersByTimeAsync(0);
    return handled;
  }

  it('loads the snapshot, claims media and reads the chosen devices on connect, and again after a reconnect', async () => {
    const desk = client();
    const store = new DeskStore(desk, { frames: null }); // pushes apply at once
    store.start();
    last().open();
    expect(await serveRequests(last(), 'first')).toEqual(['getSnapshot', 'claimMedia', 'getSettings']);
    expect(store.getState().snapshot?.status.contactId).toBe('first');
    expect(store.getState().devices).toEqual(devices);

    last().drop();
    expect(store.getState().connection.state).toBe('lost');
    vi.advanceTimersByTime(100);
    last().open();
    expect(await serveRequests(last(), 'second')).toEqual(['getSnapshot', 'claimMedia', 'getSettings']);
    expect(store.getState().snapshot?.status.contactId).toBe('second');
    expect(store.getState().connection.state).toBe('open');
  });

  it('patches the snapshot with pushed events', async () => {
    const desk = client();
    const store = new DeskStore(desk, { frames: null }); // pushes apply at once
    store.start();
    last().open();
    last().receive({ event: 'notices', payload: [{ id: 'early' }] }); // older than the snapshot: dropped
    await serveRequests(last(), 'x');
    last().receive({ event: 'calls', payload: { seq: 1, calls: [], removed: [], missed: [{ sessionId: 'm' }], missedRemoved: [] } });
    expect(store.getState().snapshot?.calls.missed).toEqual([{ sessionId: 'm' }]);
    expect(store.getState().snapshot?.notices).toEqual([]);
  });

  it("drops a call's warnings once the call is gone, keeps errors", async () => {
    const desk = client();
    const store = new DeskStore(desk, { frames: null }); // pushes apply at once
    store.start();
    last().open();
    await serveRequests(last(), 'x');
    store.addLocalNotice({ level: 'warning', message: text('media.noCamera'), sessionId: 's1' });
    store.addLocalNotice({ level: 'error', message: text('media.iceFailed'), sessionId: 's1' });
    store.addLocalNotice({ level: 'warning', message: text('media.noCamera'), sessionId: 's1' }); // duplicate
    expect(store.getState().localNotices).toHaveLength(2);
    last().receive({ event: 'calls', payload: { seq: 1, calls: [{ sessionId: 's1' }], removed: [], missed: [], missedRemoved: [] } });
    expect(store.getState().localNotices).toHaveLength(2);
    last().receive({ event: 'calls', payload: { seq: 2, calls: [], removed: ['s1'], missed: [], missedRemoved: [] } });
    expect(store.getState().localNotices.map((n) => n.level)).toEqual(['error']);
  });

  it('the lost-connection banner says the agreed words', () => {
    expect(inEnglish({ id: LOST })).toBe('Reconnecting to the console…');
  });

  it('says the console stopped when it says so on closing, until it runs again', () => {
    const desk = client();
    last().open();
    last().drop(4000);
    expect(desk.connection()).toEqual({ state: 'lost', problem: STOPPED });
    vi.advanceTimersByTime(100);
    last().drop(); // the reconnect is refused: still stopped
    expect(desk.connection().problem).toBe(STOPPED);
    vi.advanceTimersByTime(200);
    last().open();
    expect(desk.connection()).toEqual({ state: 'open', problem: null });
  });

  it('a dropped bridge is "reconnecting"; a console that keeps refusing has stopped', () => {
    const desk = client();
    last().open();
    last().drop();
    expect(desk.connection()).toEqual({ state: 'lost', problem: null }); // shown as LOST_TEXT
    vi.advanceTimersByTime(100);
    last().drop();
    expect(desk.connection().problem).toBeNull();
    vi.advanceTimersByTime(200);
    last().drop();
    expect(desk.connection().problem).toBe(STOPPED);
    expect(STOPPED).not.toMatch(/network|TURN/);
  });
});

describe('connectDesk', () => {
  it('uses the preload API when Electron exposes window.desk', async () => {
    const invoke = vi.fn(async () => ({ ok: true as const, value: undefined }));
    const api = { invoke, on: vi.fn(() => () => {}) } as unknown as DeskApi;
    const desk = await connectDesk({ desk: api, location: { protocol: 'file:', host: '', search: '' } });
    await desk.invoke('setDnd', { on: true });
    expect(invoke).toHaveBeenCalledWith('setDnd', { on: true });
    expect(desk.connection().state).toBe('open');
  });
});
