// The Electron IPC wiring with fake ipcMain / ipcRenderer / web contents (no Electron here).
import { describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../main/ipc/contract.js';
import { nullLogger } from '../../main/log/logger.js';
import { isTrustedSender, registerDeskIpc, UNTRUSTED_SENDER_ERROR, windowEventSink } from '../../main/shell/ipc.js';
import { createDeskApi } from '../../main/shell/preload-api.js';

type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>;

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    handle: (channel: string, handler: Handler) => void handlers.set(channel, handler),
    removeHandler: (channel: string) => void handlers.delete(channel),
  };
}

const mainContents = { id: 1 };
const otherContents = { id: 2 };
const topFrame = (url: string) => ({ url, parent: null });

function setup() {
  const ipcMain = fakeIpcMain();
  const invoke = vi.fn(async () => ({ ok: true as const, value: 'done' }));
  const remove = registerDeskIpc({
    ipcMain: ipcMain as never,
    desk: { invoke },
    mainWindowContents: () => mainContents as never,
    clientId: 'main-window',
    log: nullLogger,
  });
  const handler = ipcMain.handlers.get(IPC_INVOKE_CHANNEL);
  if (!handler) throw new Error('no handler registered');
  return { ipcMain, invoke, remove, handler };
}

describe('registerDeskIpc', () => {
  it('passes a command from our window to the core with its client id', async () => {
    const { handler, invoke } = setup();
    const result = await handler({ sender: mainContents, senderFrame: topFrame('app://desk/index.html') }, 'answer', { sessionId: 's1', video: false });
    expect(result).toEqual({ ok: true, value: 'done' });
    expect(invoke).toHaveBeenCalledWith('main-window', 'answer', { sessionId: 's1', video: false });
  });

  it.each([
    ['another web contents', { sender: otherContents, senderFrame: topFrame('app://desk/index.html') }],
    ['a foreign origin in our window', { sender: mainContents, senderFrame: topFrame('https://evil.example/') }],
    ['a file: page in our window', { sender: mainContents, senderFrame: topFrame('file:///tmp/x.html') }],
    ['a sub-frame of our page', { sender: mainContents, senderFrame: { url: 'app://desk/frame.html', parent: {} } }],
    ['a frame that is gone', { sender: mainContents, senderFrame: null }],
  ])('refuses %s and never reaches the core', async (_why, event) => {
    const { handler, invoke } = setup();
    expect(await handler(event, 'hangup', { sessionId: 's1' })).toEqual({ ok: false, error: UNTRUSTED_SENDER_ERROR });
    expect(invoke).not.toHaveBeenCalled();
  });

  it('refuses a non-string command', async () => {
    const { handler, invoke } = setup();
    expect(await handler({ sender: mainContents, senderFrame: topFrame('app://desk/') }, { evil: true }, {})).toEqual({ ok: false, error: 'command: must be a string' });
    expect(invoke).not.toHaveBeenCalled();
  });

  it('removes its handler', () => {
    const { ipcMain, remove } = setup();
    remove();
    expect(ipcMain.handlers.size).toBe(0);
  });
});

describe('isTrustedSender', () => {
  it('needs all three: our window, our origin, the top frame', () => {
    expect(isTrustedSender({ fromMainWindow: true, frameUrl: 'app://desk/index.html', isTopFrame: true })).toBe(true);
    expect(isTrustedSender({ fromMainWindow: false, frameUrl: 'app://desk/index.html', isTopFrame: true })).toBe(false);
    expect(isTrustedSender({ fromMainWindow: true, frameUrl: undefined, isTopFrame: true })).toBe(false);
    expect(isTrustedSender({ fromMainWindow: true, frameUrl: 'app://desk/index.html', isTopFrame: false })).toBe(false);
  });
});

describe('windowEventSink', () => {
  it('sends {event, payload} on the event channel', () => {
    const send = vi.fn();
    windowEventSink(() => ({ send, isDestroyed: () => false }))('status', { mode: 'demo' } as never);
    expect(send).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, { event: 'status', payload: { mode: 'demo' } });
  });

  it('drops events while the window is gone', () => {
    const send = vi.fn();
    const delta = { seq: 1, calls: [], removed: [], missed: [], missedRemoved: [] };
    windowEventSink(() => null)('calls', delta);
    windowEventSink(() => ({ send, isDestroyed: () => true }))('calls', delta);
    expect(send).not.toHaveBeenCalled();
  });
});

function fakeIpcRenderer() {
  let channelListener: ((event: unknown, message: unknown) => void) | null = null;
  const invoke = vi.fn(async () => ({ ok: true, value: null }));
  return {
    invoke,
    on: (channel: string, listener: (event: unknown, message: unknown) => void) => {
      expect(channel).toBe(IPC_EVENT_CHANNEL);
      channelListener = listener;
    },
    push: (message: unknown) => channelListener?.({ sender: 'electron event object' }, message),
  };
}

describe('createDeskApi (the preload surface)', () => {
  it('exposes exactly invoke and on', () => {
    expect(Object.keys(createDeskApi(fakeIpcRenderer() as never)).sort()).toEqual(['invoke', 'on']);
  });

  it('sends known commands on the invoke channel', async () => {
    const ipc = fakeIpcRenderer();
    const api = createDeskApi(ipc as never);
    await api.invoke('getSnapshot', {});
    expect(ipc.invoke).toHaveBeenCalledWith(IPC_INVOKE_CHANNEL, 'getSnapshot', {});
  });

  it('answers an unknown command itself, sending nothing', async () => {
    const ipc = fakeIpcRenderer();
    const api = createDeskApi(ipc as never);
    expect(await api.invoke('openShell' as never, {} as never)).toEqual({ ok: false, error: 'Unknown command "openShell"' });
    expect(ipc.invoke).not.toHaveBeenCalled();
  });

  it('delivers payloads (never the Electron event) to listeners of that event only, until unsubscribed', () => {
    const ipc = fakeIpcRenderer();
    const api = createDeskApi(ipc as never);
    const status = vi.fn();
    const calls = vi.fn();
    const off = api.on('status', status);
    api.on('calls', calls);
    ipc.push({ event: 'status', payload: { mode: 'demo' } });
    expect(status).toHaveBeenCalledWith({ mode: 'demo' });
    expect(calls).not.toHaveBeenCalled();
    off();
    ipc.push({ event: 'status', payload: { mode: 'linked' } });
    expect(status).toHaveBeenCalledTimes(1);
  });

  it('ignores malformed or unknown events from the channel', () => {
    const ipc = fakeIpcRenderer();
    const api = createDeskApi(ipc as never);
    const listener = vi.fn();
    api.on('status', listener);
    ipc.push(null);
    ipc.push('status');
    ipc.push({ event: 'evil', payload: 1 });
    expect(listener).not.toHaveBeenCalled();
  });

  it('keeps delivering when one listener throws', () => {
    const ipc = fakeIpcRenderer();
    const api = createDeskApi(ipc as never);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const after = vi.fn();
    api.on('notices', () => {
      throw new Error('boom');
    });
    api.on('notices', after);
    ipc.push({ event: 'notices', payload: [] });
    expect(after).toHaveBeenCalledWith([]);
    error.mockRestore();
  });

  it('refuses to subscribe to an unknown event or without a function', () => {
    const api = createDeskApi(fakeIpcRenderer() as never);
    expect(() => api.on('secrets' as never, () => {})).toThrow(/unknown event "secrets"/);
    expect(() => api.on('status', 'nope' as never)).toThrow(/listener must be a function/);
  });
});
