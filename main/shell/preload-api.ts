// The object the preload exposes to the page as `window.desk`: invoke() for contract commands and
// on() for contract events, nothing else (no ipcRenderer, no Node). Names are checked against the
// contract before anything is sent or subscribed.
import type { IpcRenderer } from 'electron';
import { COMMAND_NAMES, EVENT_NAMES, IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type DeskApi, type EventName } from '../ipc/contract.js';

const COMMANDS: ReadonlySet<string> = new Set(COMMAND_NAMES);
const EVENTS: ReadonlySet<string> = new Set(EVENT_NAMES);

type Listener = (payload: unknown) => void;

export function createDeskApi(ipc: Pick<IpcRenderer, 'invoke' | 'on'>): DeskApi {
  const listeners = new Map<EventName, Set<Listener>>();

  // One channel listener; the page never sees Electron's event object.
  ipc.on(IPC_EVENT_CHANNEL, (_event, message: unknown) => {
    if (typeof message !== 'object' || message === null) return;
    const { event, payload } = message as { event?: unknown; payload?: unknown };
    if (typeof event !== 'string' || !EVENTS.has(event)) return;
    for (const listener of [...(listeners.get(event as EventName) ?? [])]) {
      try {
        listener(payload);
      } catch (e) {
        console.error(`desk: a listener of "${event}" threw`, e);
      }
    }
  });

  const api = {
    invoke(command: unknown, args: unknown) {
      if (typeof command !== 'string' || !COMMANDS.has(command)) {
        return Promise.resolve({ ok: false, error: `Unknown command "${String(command).slice(0, 60)}"` });
      }
      return ipc.invoke(IPC_INVOKE_CHANNEL, command, args ?? {});
    },
    on(event: unknown, listener: unknown) {
      if (typeof event !== 'string' || !EVENTS.has(event)) throw new Error(`desk.on: unknown event "${String(event).slice(0, 60)}"`);
      if (typeof listener !== 'function') throw new Error('desk.on: listener must be a function');
      const set = listeners.get(event as EventName) ?? new Set<Listener>();
      listeners.set(event as EventName, set);
      const entry = listener as Listener;
      set.add(entry);
      return () => {
        set.delete(entry);
      };
    },
  };
  return api as DeskApi;
}
