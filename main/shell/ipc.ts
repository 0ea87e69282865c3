// The Electron side of the contract: one invoke channel into desk.invoke() and one event channel
// out. Every call's sender is checked (our main window, our app:// origin, its main frame) before
// it reaches the core, which validates the arguments.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type Result } from '../ipc/contract.js';
import type { Desk, EventSink } from '../desk/types.js';
import type { Logger } from '../log/logger.js';
import { isAppOrigin } from './security.js';

export interface SenderFacts {
  /** The sender is our main window's web contents. */
  fromMainWindow: boolean;
  /** URL of the frame that sent the message (undefined when the frame is gone). */
  frameUrl: string | undefined;
  /** The frame is the top frame of the page. */
  isTopFrame: boolean;
}

export function isTrustedSender(facts: SenderFacts): boolean {
  return facts.fromMainWindow && facts.isTopFrame && isAppOrigin(facts.frameUrl);
}

export function senderFacts(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, mainWindowContents: WebContents | null): SenderFacts {
  const frame = event.senderFrame;
  return {
    fromMainWindow: mainWindowContents !== null && event.sender === mainWindowContents,
    frameUrl: frame?.url,
    isTopFrame: frame !== null && frame !== undefined && frame.parent === null,
  };
}

export interface DeskIpcOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  desk: Pick<Desk, 'invoke'>;
  /** The window whose page may call in; null while it does not exist. */
  mainWindowContents: () => WebContents | null;
  clientId: string;
  log: Logger;
}

export const UNTRUSTED_SENDER_ERROR = 'This window may not control the console';

/** Registers the invoke handler; returns the function that removes it. */
export function registerDeskIpc(options: DeskIpcOptions): () => void {
  options.ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, command: unknown, args: unknown): Promise<Result<unknown>> => {
    const facts = senderFacts(event, options.mainWindowContents());
    if (!isTrustedSender(facts)) {
      options.log.warn('IPC from an untrusted sender refused', { frameUrl: facts.frameUrl ?? null, fromMainWindow: facts.fromMainWindow });
      return { ok: false, error: UNTRUSTED_SENDER_ERROR };
    }
    if (typeof command !== 'string') return { ok: false, error: 'command: must be a string' };
    return options.desk.invoke(options.clientId, command, args);
  });
  return () => options.ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
}

/** An event sink that pushes the core's events to a window's page; drops them while it is gone. */
export function windowEventSink(contents: () => Pick<WebContents, 'send' | 'isDestroyed'> | null): EventSink {
  return (event, payload) => {
    const target = contents();
    if (!target || target.isDestroyed()) return;
    target.send(IPC_EVENT_CHANNEL, { event, payload });
  };
}
