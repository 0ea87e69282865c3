/// <reference types="vite/client" />
// The renderer's only path to the main process. It picks the transport once:
//   - Electron: the preload exposes `window.desk` (DeskApi) over IPC;
//   - a plain browser (headless mode): a WebSocket to /bridge?token=<token from the page URL>,
//     reconnecting with backoff; the app re-fetches the snapshot on every (re)connect;
//   - `?fake=1`: an in-page fake console for development and screenshots.
import type { CommandArgs, CommandName, CommandReturn, DeskApi, DeskEvents, EventName, MessageId } from '../../main/ipc/contract.js';
import type { BRIDGE_STOPPING, BridgeRequest } from '../../main/ipc/bridge-protocol.js';

export type ConnectionState = 'connecting' | 'open' | 'lost';

export interface Connection {
  state: ConnectionState;
  /** Plain words for the front desk when something needs fixing beyond waiting. */
  /** Why, when it is not the network: its words' message id. */
  problem: MessageId | null;
}

export interface DeskClient extends DeskApi {
  connection(): Connection;
  onConnection(listener: (connection: Connection) => void): () => void;
  close(): void;
}

/** Listener registry shared by the transports; one failing listener does not starve the others. */
class Listeners<T> {
  private readonly byName = new Map<string, Set<(payload: T) => void>>();
  add(name: string, listener: (payload: T) => void): () => void {
    let set = this.byName.get(name);
    if (!set) this.byName.set(name, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }
  emit(name: string, payload: T): void {
    for (const listener of [...(this.byName.get(name) ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        console.error(`desk: a "${name}" listener failed`, error);
      }
    }
  }
}

// ---------------------------------------------------------------- Electron (preload)

export function createPreloadClient(api: DeskApi): DeskClient {
  const connection: Connection = { state: 'open', problem: null };
  return {
    invoke: (command, args) => api.invoke(command, args),
    on: (event, listener) => api.on(event, listener),
    connection: () => connection,
    onConnection: () => () => {},
    close: () => {},
  };
}

// ---------------------------------------------------------------- headless bridge (WebSocket)

/** The subset of the browser WebSocket the bridge client uses (tests pass a fake). */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: { code?: number }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  send(data: string): void;
  close(): void;
}

export interface BridgeOptions {
  /** ws(s)://host/bridge?token=…; null when the page URL carries no token. */
  url: string | null;
  createSocket?: (url: string) => SocketLike;
  /** Reconnect delay: starts at initialMs, doubles per failed attempt, capped at maxMs. */
  backoff?: { initialMs: number; maxMs: number };
  /** A command with no reply after this long resolves as failed. */
  requestTimeoutMs?: number;
}

const SOCKET_OPEN = 1;
/** The bridge dropped; the console may well be running. */
export const LOST: MessageId = 'connection.lost';
/** The console said it is stopping, or it no longer answers on this computer: not the network's fault. */
export const STOPPED: MessageId = 'connection.stopped';
/** Failed reconnects (to a console on this very computer) that mean it is not running. */
const ATTEMPTS_BEFORE_STOPPED = 2;
const STOPPING_CODE: (typeof BRIDGE_STOPPING)['code'] = 4000;
/** The page was opened without the token the console printed. */
export const NO_TOKEN: MessageId = 'connection.noToken';

/** The bridge URL for a page served by headless mode, or null when the page URL has no token. */
export function bridgeUrl(location: { protocol: string; host: string; search: string }): string | null {
  const token = new URLSearchParams(location.search).get('token');
  if (!token) return null;
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/bridge?token=${encodeURIComponent(token)}`;
}

type Pending = { resolve: (result: unknown) => void; timer: ReturnType<typeof setTimeout> };

export function createBridgeClient(options: BridgeOptions): DeskClient {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  const backoff = options.backoff ?? { initialMs: 250, maxMs: 5000 };
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const events = new Listeners<unknown>();
  const connectionListeners = new Set<(c: Connection) => void>();
  const pending = new Map<number, Pending>();
  let connection: Connection = options.url
    ? { state: 'connecting', problem: null }
    : { state: 'lost', problem: NO_TOKEN };
  let socket: SocketLike | null = null;
  let nextId = 1;
  let failedAttempts = 0;
  let everOpened = false;
  /** The console itself stopped (it said so, or it no longer answers), rather than the bridge dropping. */
  let stopped = false;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  function setConnection(next: Connection): void {
    if (next.state === connection.state && next.problem === connection.problem) return;
    connection = next;
    for (const listener of [...connectionListeners]) listener(connection);
  }

  function failAllPending(error: string): void {
    for (const [id, request] of pending) {
      clearTimeout(request.timer);
      pending.delete(id);
      request.resolve({ ok: false, error });
    }
  }

  function connect(url: string): void {
    const ws = createSocket(url);
    socket = ws;
    ws.onopen = () => {
      failedAttempts = 0;
      stopped = false;
      everOpened = true;
      setConnection({ state: 'open', problem: null });
    };
    ws.onmessage = (ev) => handleMessage(ev.data);
    ws.onerror = () => {}; // a close event always follows; reconnecting happens there
    ws.onclose = (ev) => {
      if (socket !== ws) return;
      socket = null;
      failAllPending('Connection to the console lost');
      if (closed) return;
      // It said it is stopping, or it still refuses us: the console is not running (until it opens again).
      if (ev?.code === STOPPING_CODE || failedAttempts >= ATTEMPTS_BEFORE_STOPPED) stopped = true;
      if (!everOpened) setConnection({ state: 'connecting', problem: null });
      else setConnection({ state: 'lost', problem: stopped ? STOPPED : null });
      const delay = Math.min(backoff.maxMs, backoff.initialMs * 2 ** failedAttempts);
      failedAttempts++;
      reconnectTimer = setTimeout(() => {
        reconnectTimer = null;
        connect(url);
      }, delay);
    };
  }

  function handleMessage(data: unknown): void {
    let message: unknown;
    try {
      message = JSON.parse(String(data));
    } catch {
      console.warn('desk bridge: ignored a message that is not JSON');
      return;
    }
    if (typeof message !== 'object' || message === null) {
      console.warn('desk bridge: ignored a message that is not an object');
      return;
    }
    const m = message as Record<string, unknown>;
    if (typeof m.id === 'number' && 'result' in m) {
      const request = pending.get(m.id);
      if (!request) return; // a reply after its timeout
      pending.delete(m.id);
      clearTimeout(request.timer);
      request.resolve(isResult(m.result) ? m.result : { ok: false, error: 'The console sent a malformed reply' });
      return;
    }
    if (typeof m.event === 'string' && 'payload' in m) {
      events.emit(m.event, m.payload);
      return;
    }
    console.warn('desk bridge: ignored a message with neither "id"+"result" nor "event"+"payload"');
  }

  if (options.url) connect(options.url);

  return {
    invoke<C extends CommandName>(command: C, args: CommandArgs<C>): Promise<CommandReturn<C>> {
      return new Promise((resolve) => {
        const done = resolve as (result: unknown) => void;
        if (!socket || socket.readyState !== SOCKET_OPEN) {
          done({ ok: false, error: `Not connected to the console (${connection.problem ?? LOST})` });
          return;
        }
        const id = nextId++;
        const timer = setTimeout(() => {
          pending.delete(id);
          done({ ok: false, error: 'The console did not answer in time' });
        }, requestTimeoutMs);
        pending.set(id, { resolve: done, timer });
        const request: BridgeRequest = { id, command, args };
        socket.send(JSON.stringify(request));
      });
    },
    on<E extends EventName>(event: E, listener: (payload: DeskEvents[E]) => void): () => void {
      return events.add(event, listener as (payload: unknown) => void);
    },
    connection: () => connection,
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    close() {
      closed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      failAllPending('The console connection was closed');
      socket?.close();
      socket = null;
    },
  };
}

function isResult(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

// ---------------------------------------------------------------- choosing the transport

interface DeskWindow {
  desk?: DeskApi;
  location: { protocol: string; host: string; search: string };
}

export async function connectDesk(win: DeskWindow): Promise<DeskClient> {
  if (win.desk) return createPreloadClient(win.desk);
  // The fake console is a development aid (Vite dev server only): production builds leave it out.
  if (import.meta.env.DEV && new URLSearchParams(win.location.search).get('fake') === '1') {
    const { createFakeDesk } = await import('./dev/fake-desk.js');
    return createPreloadClient(createFakeDesk(new URLSearchParams(win.location.search)));
  }
  return createBridgeClient({ url: bridgeUrl(win.location) });
}
